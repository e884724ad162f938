// The playground's forms for other topologies, in Chromium from disk: the topology presets open
// in a form (the graph form node by node, or layers with their connections), a node's edges are
// edited, a node added, two weights tied, each derived and checked; the library's refusals appear
// beside the field they name with the last good derivation kept and nothing on the console; a
// layered spec becomes the graph form with one button; a graph spec survives the link; and
// selecting a node with a skip connection marks its whole downstream set, tied edges in their colour.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { afterEdit, checked, formulas, hasChromium, open, rendered, unnamedControls, usePlayground } from "./browser.js";

const specOf = async (page: Page): Promise<Record<string, unknown>> =>
  JSON.parse(await page.inputValue("#spec-json")) as Record<string, unknown>;
const preset = (page: Page, name: string): Promise<void> =>
  afterEdit(page, () => page.getByRole("button", { name, exact: true }).click(), false);
const visible = (page: Page, selector: string): Promise<boolean> => page.locator(selector).isVisible();

describe.skipIf(!hasChromium())("the playground's topology forms in Chromium", { timeout: 180_000 }, () => {
  const pg = usePlayground();

  it("opens every topology preset in a form: node by node, or layers with their connections", async () => {
    const { page, problems } = await open(pg, "#check=0");
    await rendered(page);
    for (const name of ["pruned", "two-outputs", "output-feeds"]) {
      await preset(page, name);
      expect(await visible(page, ".panel.graph"), name).toBe(true);
      expect(await visible(page, ".panel.layers"), name).toBe(false);
      const spec = await specOf(page);
      expect(await page.locator(".node-list > li").count(), name).toBe((spec.nodes as unknown[]).length);
      expect(await page.inputValue("#graph-outputs"), name).toBe((spec.outputs as number[]).join(", "));
    }
    for (const name of ["residual", "dense", "tied-autoencoder"]) {
      await preset(page, name);
      expect(await visible(page, ".panel.layers"), name).toBe(true);
      expect(await visible(page, ".panel.graph"), name).toBe(false);
    }
    // The residual block's skips [0, 2] and [1, 3], and no [0, 3].
    await preset(page, "residual");
    expect(await page.getByLabel("layer 1 feeds layer 3").isChecked()).toBe(true);
    expect(await page.getByLabel("layer 2 feeds layer 4").isChecked()).toBe(true);
    expect(await page.getByLabel("layer 1 feeds layer 4").isChecked()).toBe(false);
    // The autoencoder's ties, one group a line.
    await preset(page, "tied-autoencoder");
    expect(await page.inputValue("#tied-0")).toBe("w_4_1, w_6_4");
    expect(await page.locator(".note:visible", { hasText: "form editors do not show" }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("edits a node's predecessors, adds a node and ties two weights, each derived and checked", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await afterEdit(page, () => page.getByRole("button", { name: "pruned", exact: true }).click());
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 14 of 14 .* 0 failed\./s);
    // Node 7 read 4 and 5; now 6 too: the edge w_76 is derived.
    await afterEdit(page, () => page.getByLabel("Node 7: fed by (earlier nodes)").fill("4, 5, 6"));
    expect(((await specOf(page)).nodes as unknown[])[3]).toEqual({ from: [4, 5, 6] });
    expect((await formulas(page)).some((f) => f.includes("w_{76}"))).toBe(true);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 15 of 15 .* 0 failed\./s);
    // A node added: fed by the inputs, read by the loss, drawn, derived and checked.
    await afterEdit(page, () => page.getByRole("button", { name: "Add a node" }).click());
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("node-from-5");
    let spec = await specOf(page);
    expect((spec.nodes as unknown[]).at(-1)).toEqual({ from: [1, 2, 3] });
    expect(spec.outputs).toEqual([7, 8, 9]);
    expect(await page.locator("#diagram-svg g[data-node]").count()).toBe(9);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 19 of 19 .* 0 failed\./s);
    // w_74 and w_85 tied: one parameter fewer, and the picture's legend names them.
    await page.getByRole("button", { name: "Add a tied group" }).click();
    await afterEdit(page, () => page.getByLabel("Tied group 1 (weight names)").fill("w_7_4, w_8_5"));
    spec = await specOf(page);
    expect(spec.tied).toEqual([["w_7_4", "w_8_5"]]);
    // The empty group added first may be what afterEdit saw derived (on a busy machine its
    // derivation ends after the fill): wait for the tied network's own, with its checks.
    await page.waitForFunction(
      () =>
        document.querySelectorAll("#diagram-svg g.legend").length > 0 && document.getElementById("derivation")!.dataset.checked === "true",
      null,
      { timeout: 90_000 },
    );
    expect(await page.locator("#diagram-svg g.legend").count()).toBe(1);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 18 of 18 .* 0 failed\./s);
    // The node removed again: the numbers after it are unchanged, it was the last.
    await afterEdit(page, () => page.getByRole("button", { name: "Remove node 9" }).click());
    expect((await specOf(page)).outputs).toEqual([7, 8]);
    // One input more: every listed node moves up one number and keeps its wiring.
    await afterEdit(page, () => page.getByLabel("Number of inputs (nodes 1 to 3)").fill("4"));
    spec = await specOf(page);
    expect(spec.nodes).toEqual([{ from: [1, 2] }, { from: [2, 3], bias: false }, { from: [1, 3] }, { from: [5, 6, 7] }, { from: [6, 7] }]);
    expect(spec.outputs).toEqual([8, 9]);
    expect(spec.tied).toEqual([["w_8_5", "w_9_6"]]);
    // The rows take their new numbers once the field is left.
    await page.locator("#graph-inputs").blur();
    expect(await page.locator(".node-title").allTextContents()).toEqual(["Node 5", "Node 6", "Node 7", "Node 8", "Node 9"]);
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 14 of 14 .* 0 failed\./s);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says each refusal beside the field it names, keeps the last good derivation, and logs nothing", async () => {
    const { page, problems } = await open(pg, "#check=0");
    await rendered(page);
    await preset(page, "pruned");
    const html = await page.innerHTML("#derivation");
    const refused = async (fill: () => Promise<unknown>, error: string, control: string): Promise<string> => {
      await fill();
      await page.locator(error).waitFor({ state: "visible" });
      expect(await page.getAttribute(control, "aria-invalid")).toBe("true");
      expect(await page.textContent("#status")).toMatch(/last good one/);
      const text = (await page.textContent(error)) ?? "";
      // Undone: the spec is good again (no derivation waits for it: the same network).
      return text;
    };
    // An edge from a later node, beside that node's "fed by".
    expect(await refused(() => page.getByLabel("Node 5: fed by (earlier nodes)").fill("2, 7"), "#node-from-1-error", "#node-from-1")).toBe(
      "nodes[1].from[1]: is 7, a later node; node 5 reads earlier nodes only (below 5), so the numbering stays a topological order",
    );
    await page.getByLabel("Node 5: fed by (earlier nodes)").fill("2, 3");
    // A dead node: the loss no longer reads node 8, so node 6, which feeds only 8, is on no
    // path to an output (the first such node is named): beside node 6's row.
    expect(
      await refused(
        () => page.getByLabel("Outputs (the nodes the loss reads, in the order of the targets)").fill("7"),
        "#node-2-error",
        "#node-row-2",
      ),
    ).toMatch(/^nodes\[2\]: node 6 is on no path to an output/);
    await page.getByLabel("Outputs (the nodes the loss reads, in the order of the targets)").fill("7, 8");
    // A tied name that is no edge, beside its group.
    await page.getByRole("button", { name: "Add a tied group" }).click();
    expect(await refused(() => page.getByLabel("Tied group 1 (weight names)").fill("w_7_4, w_8_4"), "#tied-0-error", "#tied-0")).toBe(
      'tied[0][1]: is "w_8_4", which is no edge of this network; there is no edge from node 4 to node 8',
    );
    await page.getByRole("button", { name: "Remove tied group 1" }).click();
    // A softmax node without a group, beside its group field.
    expect(await refused(() => page.getByLabel("Node 7: activation").selectOption("softmax"), "#node-group-3-error", "#node-group-3")).toBe(
      "nodes[3].group: is required for node 7, a softmax node: the name of the set of nodes it is normalised over",
    );
    // The derivation on the page is still the last good one (each undo above gave the same
    // network again, derived again or not), and the JSON says the same problem.
    expect(await page.innerHTML("#derivation")).toBe(html);
    expect(await page.textContent("#spec-json-error")).toMatch(/^nodes\[3\]\.group: /);
    // Named, it is a softmax set of one... and a good spec again.
    await afterEdit(page, () => page.getByLabel("Node 7: softmax group").fill("a"), false);
    expect(await page.locator(".error:visible").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("rewrites a layered spec in the graph form with one button: the same documents for the seed, the same checks for a residual block", async () => {
    const { page, problems } = await open(pg);
    await rendered(page);
    await checked(page);
    const layered = await page.innerHTML("#derivation");
    await afterEdit(page, () => page.getByRole("button", { name: "Convert to the graph form (node by node)" }).click());
    expect(await visible(page, ".panel.graph")).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("graph-inputs");
    const spec = await specOf(page);
    expect(spec).toMatchObject({ inputs: 3, activation: "relu", outputs: [6, 7], loss: "cross-entropy" });
    expect(spec).not.toHaveProperty("layers");
    // The seed in either form is the seed's network, and gets exactly its documents.
    expect(await page.innerHTML("#derivation")).toBe(layered);
    // A layered spec with a problem is not converted: said beside the button.
    await afterEdit(page, () => page.getByRole("button", { name: "sigmoid-mse", exact: true }).click());
    await page.getByLabel("Layer 2: number of nodes").fill("0");
    await page.locator("#layer-size-1-error").waitFor({ state: "visible" });
    await page.getByRole("button", { name: "Convert to the graph form (node by node)" }).click();
    expect(await page.textContent("#to-graph-error")).toBe(
      "Not converted: the spec has a problem first (layers[1]: is 0; must be a whole number from 1 to 10000).",
    );
    expect(await visible(page, ".panel.layers")).toBe(true);
    await afterEdit(page, () => page.getByRole("button", { name: "residual", exact: true }).click());
    await afterEdit(page, () => page.getByRole("button", { name: "Convert to the graph form (node by node)" }).click());
    expect(await page.locator(".node-list > li").count()).toBe(7);
    expect(await page.inputValue("#node-from-6")).toBe("3, 4, 5, 6, 7, 8");
    expect(await checked(page)).toMatch(/ 0 failed\.\s*Gradients: 34 of 34 .* 0 failed\./s);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("edits the connections of a layered spec, with the library's message beside them for a bad set", async () => {
    const { page, problems } = await open(pg, "#check=0");
    await rendered(page);
    await preset(page, "residual");
    await afterEdit(page, () => page.getByLabel("layer 1 feeds layer 3").uncheck(), false);
    expect((await specOf(page)).connections).toEqual([
      [0, 1],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    // Back to consecutive layers only: the key goes, and the network is the seed's kind again.
    await afterEdit(page, () => page.getByLabel("layer 2 feeds layer 4").uncheck(), false);
    expect(await specOf(page)).not.toHaveProperty("connections");
    // Nothing into layer 2: refused, beside the boxes.
    await page.getByLabel("layer 1 feeds layer 2").uncheck();
    await page.locator("#connections-error").waitFor({ state: "visible" });
    expect(await page.textContent("#connections-error")).toBe(
      "connections: has no connection into layer 1; every non-input layer needs one [a, 1]",
    );
    // Layer 2 feeding nothing: its nodes are dead; said beside the layer and the boxes.
    await afterEdit(page, () => page.getByLabel("layer 1 feeds layer 2").check(), false);
    await page.getByLabel("layer 1 feeds layer 3").check();
    await page.getByLabel("layer 2 feeds layer 3").uncheck();
    await page.locator("#connections-error").waitFor({ state: "visible" });
    expect(await page.textContent("#connections-error")).toMatch(/^layers\[1\]: node 3 is on no path to an output/);
    expect(await page.textContent("#layer-size-1-error")).toMatch(/^layers\[1\]: node 3 is on no path to an output/);
    await afterEdit(page, () => page.getByLabel("Allow nodes on no path to an output (their δ is 0)").check(), false);
    expect(await specOf(page)).toMatchObject({
      connections: [
        [0, 1],
        [0, 2],
        [2, 3],
      ],
      allowDead: true,
    });
    // Tied names follow their nodes when a size changes, typed in steps ("" on the way) and back.
    await preset(page, "tied-autoencoder");
    const size = page.getByLabel("Layer 1: number of nodes");
    await afterEdit(page, () => size.fill("4"), false);
    expect((await specOf(page)).tied).toEqual([
      ["w_5_1", "w_7_5"],
      ["w_5_2", "w_8_5"],
      ["w_6_3", "w_9_6"],
    ]);
    await size.fill("");
    await page.locator("#layer-size-0-error").waitFor({ state: "visible" });
    await afterEdit(page, () => size.fill("3"), false);
    expect((await specOf(page)).tied).toEqual([
      ["w_4_1", "w_6_4"],
      ["w_4_2", "w_7_4"],
      ["w_5_3", "w_8_5"],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps a graph spec in the link: the same form, JSON and derivation on a new page", async () => {
    const { page } = await open(pg, "#style=proof&check=0");
    await rendered(page);
    await preset(page, "two-outputs");
    await afterEdit(page, () => page.getByLabel("Node 6: activation").selectOption("relu"), false);
    await afterEdit(page, () => page.getByLabel("Node 4 has a bias").uncheck(), false);
    const link = page.url();
    expect(new URLSearchParams(new URL(link).hash.slice(1)).get("spec")).toContain('"inputs": 2');
    const state = { spec: await page.inputValue("#spec-json"), html: await page.innerHTML("#derivation") };
    expect(JSON.parse(state.spec).nodes[1]).toEqual({ from: [1, 2], activation: "tanh", bias: false });
    await page.close();
    const again = (await open({ ...pg, url: link }, "", true)).page;
    await again.waitForFunction(() => document.getElementById("derivation")!.dataset.key !== undefined, null, { timeout: 60_000 });
    expect(await again.inputValue("#spec-json")).toBe(state.spec);
    expect(await again.inputValue("#node-act-3")).toBe("relu");
    expect(await again.isChecked("#node-bias-1")).toBe(false);
    expect(await again.innerHTML("#derivation")).toBe(state.html);
    await again.close();
  });

  it("names every control of the graph form, and reaches each by keyboard", async () => {
    const { page } = await open(pg, "#check=0");
    await rendered(page);
    await preset(page, "pruned");
    const unnamed = await unnamedControls(page, ".panel.graph input, .panel.graph select, .panel.graph button");
    expect(unnamed).toEqual([]);
    // Each id once on the page (a label names the first element of its id).
    const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const visited = new Set<string>();
    await page.focus("#graph-name");
    for (let i = 0; i < 60; i++) {
      visited.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute("aria-label") || ""));
      await page.keyboard.press("Tab");
    }
    for (const id of [
      "graph-inputs",
      "graph-act",
      "node-from-0",
      "node-act-0",
      "node-group-0",
      "node-bias-0",
      "node-out-0",
      "Remove node 4",
      "node-from-4",
      "add-node",
      "graph-outputs",
      "add-tied",
      "graph-allow-dead",
      "loss",
    ])
      expect(visited).toContain(id);
    // Enter on "Add a node" adds one, and the focus goes to its first field.
    await afterEdit(
      page,
      async () => {
        await page.focus("#add-node");
        await page.keyboard.press("Enter");
      },
      false,
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("node-from-5");
    await page.close();
  });

  it("marks a skip node's whole downstream set and its edges, curves too; tied edges keep their colour", async () => {
    const { page, problems } = await open(pg, "#check=0");
    await rendered(page);
    await preset(page, "residual");
    // Node 3 feeds layer 2 (6, 7, 8) and, by the skip [1, 3], the output 9 along a curve.
    await page.click('#diagram-svg g[data-node="3"]');
    expect(await page.locator("#diagram-svg g.downstream").evaluateAll((g) => g.map((x) => (x as SVGGElement).dataset.node))).toEqual([
      "6",
      "7",
      "8",
      "9",
    ]);
    const edges = await page
      .locator("#diagram-svg .in-sum")
      .evaluateAll((e) => e.map((x) => `${x.tagName} ${(x as SVGElement).dataset.edge}`).sort());
    expect(edges).toEqual(["line 6-3", "line 7-3", "line 8-3", "path 9-3"]);
    expect(await page.textContent("#status")).toMatch(/^Node 3: δ3 marked in \d+ places?; its sum runs over nodes 6, 7, 8, 9\.$/);
    // Its total-derivative sum, written out, is among the marked places.
    const marked = await page.locator("#derivation .bpd-hl annotation").allTextContents();
    expect(marked.some((t) => t.includes("\\delta_6 w_{63} + \\delta_7 w_{73} + \\delta_8 w_{83} + \\delta_9 w_{93}"))).toBe(true);
    // An edge not in the sum fades.
    expect(await page.locator('#diagram-svg [data-edge="9-6"]').evaluate((e) => getComputedStyle(e).opacity)).toBe("0.3");
    // The output by keyboard: its δ comes from the loss, no sum.
    await page.focus('#diagram-svg g[data-node="9"]');
    await page.keyboard.press("Enter");
    expect(await page.locator("#diagram-svg .in-sum").count()).toBe(0);
    expect(await page.textContent("#status")).toMatch(/^Node 9: δ9 marked in \d+ places?; an output node, whose δ comes from the loss\.$/);

    // Tied: node 4's sum runs over w_64 (tied with w_41, red), w_74 (tied with w_42, blue) and w_84.
    await preset(page, "tied-autoencoder");
    await page.click('#diagram-svg g[data-node="4"]');
    const look = await page
      .locator("#diagram-svg g.edges > *")
      .evaluateAll((els) =>
        Object.fromEntries(
          els
            .filter((e) => (e as SVGElement).dataset.edge)
            .map((e) => [(e as SVGElement).dataset.edge, { sum: e.classList.contains("in-sum"), stroke: getComputedStyle(e).stroke }]),
        ),
      );
    expect(look["6-4"]).toEqual({ sum: true, stroke: "rgb(220, 38, 38)" });
    expect(look["7-4"]).toEqual({ sum: true, stroke: "rgb(37, 99, 235)" });
    expect(look["8-4"]).toEqual({ sum: true, stroke: "rgb(31, 35, 40)" });
    // w_41 shares w_64's value and colour, but is no term of δ4's sum.
    expect(look["4-1"]).toEqual({ sum: false, stroke: "rgb(220, 38, 38)" });
    // A node that the notes write only in index form: the lines whose binding lists it.
    await preset(page, "two-outputs");
    await page.click('#diagram-svg g[data-node="4"]');
    expect(await page.textContent("#status")).toMatch(
      /^Node 4: δ4 marked in [1-9]\d* places? \(the index form that covers it\); its sum runs over nodes 5, 6, 7\.$/,
    );
    for (const row of await page
      .locator("#derivation .bpd-hl")
      .evaluateAll((els) => els.map((e) => [...e.querySelectorAll("annotation")].map((a) => a.textContent).join(" ")))) {
      expect(row).toMatch(/\\delta_j.*\(j = (\d+, )*4(, \d+)*\)$/);
    }
    // An output that also feeds a later node: both terms.
    await preset(page, "output-feeds");
    await page.click('#diagram-svg g[data-node="4"]');
    expect(await page.textContent("#status")).toMatch(
      /^Node 4: δ4 marked in \d+ places?; an output that also feeds others, so its δ has the loss's term and a sum over node 5\.$/,
    );
    expect(problems).toEqual([]);
    await page.close();
  });
});
