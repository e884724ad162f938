// The template engine: strict about unknown names wherever they appear, explicit about which
// template failed, and every variable a template receives documented in templates/README.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { documentContext } from "../../src/render/document-context.js";
import { htmlDialect, math } from "../../src/render/html.js";
import { mdDialect } from "../../src/render/md.js";
import { renderTemplate, type TemplateSource } from "../../src/render/template.js";
import { TEMPLATE_DIR } from "../../src/cli/spec-input.js";
import { texDialect } from "../../src/render/tex.js";
import { checked } from "./helpers.js";

const file = (text: string): TemplateSource => ({ name: `t${Math.random().toString(36).slice(2)}.njk`, text });
const CONTEXT = { title: "T", sections: [{ title: "A", rows: [1, 2] }], verification: null, doc: { a: [1, { b: 2 }] } };

const failure = (text: string, context: Record<string, unknown> = CONTEXT): string => {
  try {
    renderTemplate(file(text), context, "--template");
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("rendered without error");
};

describe("renderTemplate", () => {
  it("prints values, loops, tests and filters with the << >> and <% %> delimiters", () => {
    const t = file(
      "<< title >>:<% for s in sections %> << s.title >><% for r in s.rows %>[<< r >>]<% endfor %><% endfor %><% if verification %>V<% endif %> << doc | dump >>",
    );
    expect(renderTemplate(t, CONTEXT, "--template")).toBe('T: A[1][2] {"a":[1,{"b":2}]}');
  });

  it("rejects an unknown name however it is used", () => {
    expect(failure("<< nosuch >>")).toMatch(/^--template: template .* refers to an unknown variable "nosuch"/);
    expect(failure("<% if nosuch %>x<% endif %>")).toMatch(/unknown variable "nosuch"/);
    expect(failure("<% for x in nosuch %>x<% endfor %>")).toMatch(/unknown variable "nosuch"/);
    expect(failure("<% for s in sections %><< s.titel >><% endfor %>")).toMatch(/unknown variable "sections\.0\.titel"/);
  });

  it("names the line of an undefined value and reports syntax errors", () => {
    expect(failure("ok\n<< title.x.y >>")).toMatch(/outputs an undefined value \(line 2\)/);
    expect(failure("<% if %>")).toMatch(/cannot be rendered/);
  });

  it("reports an error in a user's template as bad input, in a built-in one as a bug", () => {
    expect(() => renderTemplate({ name: "mine.njk", text: "<< nosuch >>" }, {}, "--template")).toThrow(InputError);
    expect(() => renderTemplate({ name: "derivation.tex.njk", text: "<< nosuch >>" }, {})).toThrow(/built-in template derivation.tex.njk/);
    expect(() => renderTemplate({ name: "derivation.tex.njk", text: "<< nosuch >>" }, {})).not.toThrow(InputError);
  });
});

describe("templates/README.md", () => {
  const readme = readFileSync(join(TEMPLATE_DIR, "README.md"), "utf8");
  const documented = (name: string): boolean =>
    readme.includes(`\`${name}\``) || readme.includes(`\`${name},`) || readme.includes(`, \`.${name}\``) || readme.includes(`\`.${name}\``);
  const input = checked("seed");
  const contexts: Record<string, Record<string, unknown>> = {
    tex: documentContext(texDialect, input, {}).context,
    html: documentContext(htmlDialect(math), input, {}).context,
    md: documentContext(mdDialect, input, {}).context,
  };

  it.each(Object.keys(contexts))("documents every variable of the %s templates", (format) => {
    const c = contexts[format]!;
    const names = new Set([...Object.keys(c), "fragment", "expand", "body"]);
    const sections = c.sections as { blocks: { rows?: object[] }[] }[];
    for (const k of Object.keys(sections[0]!)) names.add(`section.${k}`);
    for (const b of sections.flatMap((s) => s.blocks)) for (const k of Object.keys(b)) names.add(`block.${k}`);
    const rows = sections.flatMap((s) => s.blocks.flatMap((b) => b.rows ?? []));
    for (const r of rows) for (const k of Object.keys(r)) names.add(`row.${k}`);
    const v = c.verification as Record<string, unknown>;
    for (const k of Object.keys(v)) names.add(`verification.${k}`);
    for (const k of Object.keys((v.rows as object[])[0]!)) names.add(k);
    const missing = [...names].filter((n) => !documented(n) && !documented(n.split(".").pop()!));
    expect(missing).toEqual([]);
  });

  it("lists every template file", () => {
    for (const f of [
      "derivation.tex.njk",
      "derivation.body.tex.njk",
      "derivation.html.njk",
      "derivation.body.html.njk",
      "derivation.css",
      "derivation.md.njk",
      "derivation.body.md.njk",
      "derivation.json.njk",
    ]) {
      expect(readme).toContain(`\`${f}\``);
    }
  });
});

describe("a template is data, not a program", () => {
  const context = { title: "T", sections: [{ title: "A" }], n: 3 };
  const escapes: [string, RegExp][] = [
    [
      '<< range.constructor("return process")() >>',
      /not allowed in a template: a member of a function \("constructor"\)|the member "constructor"/,
    ],
    ['<< "".constructor.constructor("return process")() >>', /not allowed in a template: the member "constructor"/],
    ['<< title.constructor.constructor("return process")() >>', /not allowed in a template: the member "constructor"/],
    ['<< joiner.constructor("return globalThis")() >>', /not allowed in a template/],
    ['<% set r = range %><< r.constructor("return process")() >>', /not allowed in a template/],
    ["<< sections.__proto__ >>", /not allowed in a template: the member "__proto__"/],
    ['<< sections["constructor"] >>', /not allowed in a template: the member "constructor"/],
    ["<< constructor >>", /not allowed in a template: the name "constructor"/],
    ['<< __proto__.constructor("return process")() >>', /not allowed in a template: the name "__proto__"/],
    ["<< valueOf() >>", /not allowed in a template: the name "valueOf"/],
    ["<< title.toUpperCase() >>", /not allowed in a template: calling the method "toUpperCase"/],
    ["<< title.repeat(100000000) >>", /not allowed in a template: calling the method "repeat"/],
    ["<< sections.map >>", /not allowed in a template: calling the method "map"/],
    ["<< cycler(1, 2).next() >>", /unknown variable "cycler"/],
    ["<< lipsum(1000000000) >>", /unknown variable "lipsum"/],
    ["<< range(0, 300000000) | length >>", /not allowed in a template: ranges of more than 1000000 elements in all/],
    [
      "<% for i in range(1000) %><% for j in range(1000) %><% for k in range(1000) %>x<% endfor %><% endfor %><% endfor %>",
      /ranges of more than 1000000/,
    ],
    ["<< range(0, 1, 0) | length >>", /not allowed in a template: a range that does not end/],
    ["<< [1] | batch(1000000000, 0) | length >>", /not allowed in a template: batch with 1000000000/],
    ['<< "x" | center(1000000000) >>', /not allowed in a template: center with/],
    ['<< "x" | indent(1000000000) >>', /not allowed in a template: indent with/],
  ];
  it.each(escapes)("refuses %s", (text, message) => {
    const m = failure(text, context);
    expect(m).toMatch(/^--template: template t\w+\.njk/);
    expect(m).toMatch(message);
  });

  it("bounds the time: loop iterations and macro calls draw on one budget, and the message names the template", () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const nested = (depth: number): string => `${"<% for a in items %>".repeat(depth)}x${"<% endfor %>".repeat(depth)}`;
    const slow = [
      // A macro that calls itself twice: 2^40 calls.
      "<% macro d(n) %><% if n > 0 %><< d(n - 1) >><< d(n - 1) >><% endif %><% endmacro %><< d(40) >>",
      // Seven nested loops over a list of the context: 10^7 iterations.
      nested(7),
      // A loop over the characters of a long text.
      "<% for c in long %><% for a in items %>x<% endfor %><% endfor %>",
    ];
    for (const text of slow) {
      const m = failure(text, { items, long: "y".repeat(200_000) });
      expect(m).toMatch(/^--template: template t\w+\.njk takes more than 1,000,000 steps \(loop iterations and macro calls together\)/);
    }
    // Within the budget: five nested loops over ten items, 111,110 steps.
    expect(renderTemplate(file(nested(5)), { items }, "--template")).toBe("x".repeat(100_000));
  });

  it("still loops, tests, filters and joins over the documented variables", () => {
    const t = file(
      '<% for s in sections %><< loop.index >>:<< s.title | upper >><% endfor %> << range(3) | join(",") >> << n * 2 >> << "a,b" | replace(",", ";") >>',
    );
    expect(renderTemplate(t, context, "--template")).toBe("1:A 0,1,2 6 a;b");
  });

  it("leaves nunjucks as it was for anyone else in the process", async () => {
    const nunjucks = (await import("nunjucks")).default;
    expect(nunjucks.renderString("{{ s.toUpperCase() }}", { s: "x" })).toBe("X");
  });
});
