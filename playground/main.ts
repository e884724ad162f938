// The playground's one script. On the page it runs the page; started as the page's worker (from
// this very script's text, which is how a page opened from file:// can have one) it runs the checks.
import { startPage } from "./page.js";
import { startWorker } from "./worker.js";

if (typeof document === "undefined") startWorker(self as unknown as Parameters<typeof startWorker>[0]);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => startPage(document));
else startPage(document);
