// The one adapter of Nunjucks: renders templates and task args with a host's variables; undefined names are errors.
import nunjucks from 'nunjucks';
import { isSecret } from '../core/secret.js';
import { TemplateError } from '../core/errors.js';
import { DEFAULT_TEMPLATE_OPTIONS, type TemplateOptions } from '../core/template-options.js';
import { ANSIBLE_FILTERS } from './ansible-filters.js';
import { pyDict } from './list-filters.js';
import { dotIndexToSubscript } from './jinja-dot-index.js';
import { escapeBackslashes, installJinjaStrings } from './jinja-strings.js';
import { installJinjaSyntax, namespace } from './jinja-syntax.js';
import { installJinjaOperators } from './jinja-operators.js';
import { installJinjaTruthiness } from './jinja-truthiness.js';
import { jinjaWhitespace } from './jinja-whitespace.js';
import { lookup, reveal } from './reveal.js';
import { readTemplateHeader, trailingNewlines } from './template-header.js';
import { ANSIBLE_TESTS } from './ansible-tests.js';
import { NETWORK_FILTERS, networkFilterNames } from './network-filters.js';
import { NETWORK_TESTS } from './network-tests.js';
import { lookupFunctions } from './lookups.js';
import { trackSecrets } from './secret-canary.js';
import { strictFilters } from './strict-filters.js';
import { toTemplateError } from './template-error.js';
import { installSandbox, LIMITS, markCallable, ownFiltersAndTests, sandboxGlobals, withinBudget } from './template-sandbox.js';

export type Vars = Record<string, unknown>;

export interface Renderer {
  /**
   * Renders template text; Secrets render as their real value (redact what is shown to people). `options`: the
   * template module's Jinja settings, under what a `#jinja2:` first line sets (Ansible's defaults without).
   */
  render(text: string, vars: Vars, name: string, options?: TemplateOptions): string;
  /**
   * Renders every string inside `value` (args, recursively). A string that is exactly one
   * `{{ expr }}` keeps the value's own type, like Ansible: `"{{ site_port }}"` gives 8081.
   */
  renderValue(value: unknown, vars: Vars, name: string): unknown;
  /** The value of a Jinja expression (`groups['lb'] | length`). */
  evaluate(expression: string, vars: Vars, name: string): unknown;
  /** Compiles template text without rendering it: a syntax error throws TemplateError, located. */
  check(text: string, name: string): void;
}

const CAPTURE = '__runbook_capture';

// nunjucks' runtime Frame, Template.render(ctx, parentFrame) and a template's source exist but are not in its typings.
const Frame = (nunjucks as unknown as { runtime: { Frame: new () => { variables: Vars } } }).runtime.Frame;
interface RenderWithFrame {
  render(ctx: Vars, frame: { variables: Vars }): string;
  tmplStr: string;
}
// Exactly one expression and nothing else (not even a trailing newline, which is content): the value keeps its type.
const SINGLE_EXPRESSION = /^\{\{-?([^{}]*?(?:\{[^{}]*\}[^{}]*?)*)-?\}\}$/;
const SIMPLE_NAME = /^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*$/;

export interface RendererOptions {
  /**
   * Receives the strings a template produced from secrets (after any filter: `| upper`, `| b64encode`, `.split()`),
   * found by rendering again with canaries (secret-canary.ts). Without it nothing is rendered twice.
   */
  onSecretDerived?(values: string[]): void;
}

export function createRenderer(options: RendererOptions = {}): Renderer {
  installJinjaCompat();
  const engine: Engine = { env: createEnvironment(), compiled: new Map(), revealed: new WeakMap(), templated: new WeakMap(), onSecret: options.onSecretDerived };
  const plain: Renderer = {
    render: (text, vars, name, options) => renderWith(engine, text, contextFor(engine, vars, name), vars, name, { options }),
    renderValue: (value, vars, name) => renderValueIn(engine, value, contextFor(engine, vars, name), vars, name),
    evaluate: (expression, vars, name) => evaluateIn(engine, expression, contextFor(engine, vars, name), vars, name),
    check: (text, name) => {
      const { body, options } = readTemplateHeader(text, DEFAULT_TEMPLATE_OPTIONS, name);
      template(engine, body, name, options, body === text ? 0 : 1);
    },
  };
  return options.onSecretDerived ? trackSecrets(plain, options.onSecretDerived, (input) => typeof input === 'string' || holdsTemplate(input, new WeakMap())) : plain;
}

/** One renderer's Nunjucks environment, its compiled templates and its revealed variable trees. */
interface Engine {
  env: nunjucks.Environment;
  compiled: Map<string, nunjucks.Template>;
  revealed: WeakMap<object, unknown>;
  /** Whether a revealed value holds a template string at any depth. */
  templated: WeakMap<object, boolean>;
  /** Receives values to redact that a render made up (lookup('password')). */
  onSecret?: (values: string[]) => void;
}

// Jinja's True/False/None and slices (`l[1:]`), which Ansible templates use; then the sandbox
// (template-sandbox.ts), which replaces member lookup and calls with an allowlist: dict and list
// methods (`d.items()`, `l.append(x)`) and Python's str methods come from there. Once per process.
let jinjaCompat = false;

function installJinjaCompat(): void {
  if (jinjaCompat) return;
  nunjucks.installJinjaCompat();
  installJinjaSyntax();
  installJinjaTruthiness();
  installJinjaOperators();
  installJinjaStrings();
  installSandbox();
  jinjaCompat = true;
}

/** The environment with Ansible's filters and tests, `d`, and the capture filter evaluateIn reads values through. */
function createEnvironment(): nunjucks.Environment {
  // dev: nunjucks then keeps the error it wrapped as `cause`, so a lazy variable's own TemplateError (its
  // location, its undefined name) survives the template that read it; it changes nothing else.
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true, trimBlocks: false, lstripBlocks: false, dev: true });
  sandboxGlobals(env);
  ownFiltersAndTests(env);
  env.addGlobal('namespace', namespace);
  env.addGlobal('dict', pyDict);
  boundWidthFilters(env);
  // By name and by Ansible's full name (`ansible.builtin.to_json`; `ansible.utils.ipaddr`). ansible.utils' tests have
  // no short name in Ansible (`is ansible.utils.ipv4`), its filters have (ansible-core's runtime redirects them).
  for (const [name, filter] of Object.entries(ANSIBLE_FILTERS)) for (const full of [name, `ansible.builtin.${name}`]) env.addFilter(full, filter);
  for (const [name, filter] of Object.entries(NETWORK_FILTERS)) for (const full of networkFilterNames(name)) env.addFilter(full, filter);
  // nunjucks has addTest; its typings do not say so.
  const tests = env as unknown as { addTest(name: string, test: (...args: any[]) => boolean): void };
  for (const [name, test] of Object.entries(ANSIBLE_TESTS)) for (const full of [name, `ansible.builtin.${name}`]) tests.addTest(full, test);
  for (const [name, test] of Object.entries(NETWORK_TESTS)) tests.addTest(`ansible.utils.${name}`, test);
  env.addFilter('d', (value: unknown, fallback: unknown = '') => (value === undefined || value === null ? fallback : value));
  // Stores an expression's value (any type) where evaluate() can read it back.
  env.addFilter('__capture', function (this: { ctx: Vars }, value: unknown) {
    (this.ctx[CAPTURE] as { value: unknown }).value = value;
    return '';
  });
  strictFilters(env);
  return env;
}


/** nunjucks' center and indent build strings as wide as asked: a width of 10**9 would fill memory. */
function boundWidthFilters(env: nunjucks.Environment): void {
  for (const name of ['center', 'indent']) {
    const filter = env.getFilter(name);
    env.addFilter(name, function (this: unknown, value: unknown, width: unknown, ...rest: unknown[]) {
      if (typeof width === 'number' && width > LIMITS.padWidth) throw new Error(`${name}: width ${width} is over ${LIMITS.padWidth}`);
      return filter.call(this, value, width, ...rest);
    });
  }
}

/**
 * Compiled as Jinja reads it (jinja-whitespace.ts); `headerLines` blank lines stand first for a `#jinja2:` line
 * taken off, so nunjucks' line numbers stay the file's.
 */
function template(engine: Engine, text: string, name: string, options: TemplateOptions, headerLines: number): nunjucks.Template {
  const key = `${name}\0${headerLines}${options.trimBlocks}${options.lstripBlocks}${options.keepTrailingNewline}${options.newlineSequence}\0${text}`;
  let t = engine.compiled.get(key);
  if (!t) {
    try {
      t = new nunjucks.Template(`${'{#\n#}'.repeat(headerLines)}${dotIndexToSubscript(jinjaWhitespace(text, options))}`, engine.env, name, true);
    } catch (error) {
      throw toTemplateError(error, text, name, {});
    }
    engine.compiled.set(key, t);
  }
  return t;
}

/** What one render takes besides the text: the capture box evaluateIn reads, the template module's settings. */
interface RenderCall {
  box?: { value: unknown };
  options?: TemplateOptions | undefined;
}

// Variables go in a parent frame rather than the context: nunjucks copies the context's
// properties up front, which would read (render) every lazy variable on each render.
// As Ansible's do_template: a `#jinja2:` first line sets the options, and the output gets back the
// newlines the text ended with (Jinja drops the last one) when it ends with fewer.
function renderWith(engine: Engine, text: string, context: Vars, raw: Vars, name: string, call: RenderCall = {}): string {
  // An undefined name is found at nunjucks' line and column in what it compiled (jinja-whitespace.ts moved whitespace).
  let compiledText = text;
  try {
    const { body, options } = readTemplateHeader(text, call.options ?? DEFAULT_TEMPLATE_OPTIONS, name);
    const frame = new Frame();
    frame.variables = context;
    const compiled = template(engine, body, name, options, body === text ? 0 : 1) as unknown as RenderWithFrame;
    compiledText = compiled.tmplStr;
    const output = withinBudget(() => compiled.render(call.box ? { [CAPTURE]: call.box } : {}, frame));
    return output + options.newlineSequence.repeat(Math.max(0, trailingNewlines(text) - trailingNewlines(output)));
  } catch (error) {
    throw ownError(error) ?? toTemplateError(error, compiledText, name, raw);
  }
}

/**
 * Our TemplateError, when it is the error or what nunjucks wrapped (a lazy variable failed while
 * another template read it): kept as thrown, with its own location and the undefined name.
 */
function ownError(error: unknown): TemplateError | undefined {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (e instanceof TemplateError) return e;
  }
  return undefined;
}

// Variables whose values are themselves templates render when read, against the same variables (Ansible's lazy vars).
function contextFor(engine: Engine, vars: Vars, name: string): Vars {
  const plain = reveal(vars, engine.revealed) as Vars;
  const context: Vars = Object.create(null);
  const resolving = new Set<string>();
  const cache = new Map<string, unknown>();
  for (const [key, value] of Object.entries(plain)) {
    // A function among the variables was put there by the engine (YAML makes none): the template may call it.
    if (typeof value === 'function') markCallable(value as (...args: unknown[]) => unknown);
    // hostvars hold other hosts' variables, whose templates are theirs to render, not this host's.
    if (key === 'hostvars' || !holdsTemplate(value, engine.templated)) {
      context[key] = value;
      continue;
    }
    Object.defineProperty(context, key, {
      enumerable: true,
      get: () => {
        if (cache.has(key)) return cache.get(key);
        if (resolving.has(key)) throw new TemplateError(name, undefined, undefined, `variable "${key}" refers to itself`, key, 'break the loop between these variables');
        resolving.add(key);
        try {
          // At any depth, as Ansible does (`d: { m: "{{ base }}-x" }` gives d.m rendered); revealed:
          // inside a template a secret renders as its value (only what is shown is redacted).
          const result = reveal(renderValueIn(engine, value, context, vars, `${name} (variable ${key})`), engine.revealed);
          cache.set(key, result);
          return result;
        } finally {
          resolving.delete(key);
        }
      },
    });
  }
  addLookups(engine, context, vars, name);
  return context;
}

/** lookup()/query()/q(), unless the variables define those names; they read role_path and playbook_dir when called. */
function addLookups(engine: Engine, context: Vars, raw: Vars, name: string): void {
  const dirOf = (key: string) => (typeof context[key] === 'string' ? (context[key] as string) : undefined);
  const dirs = () => [dirOf('role_path'), dirOf('playbook_dir')].filter((d): d is string => d !== undefined);
  const functions = lookupFunctions({
    files: () => ({ dirs: dirs().length > 0 ? [...new Set(dirs())] : [process.cwd()] }),
    baseDir: () => dirOf('playbook_dir') ?? process.cwd(),
    renderFile: (text, file, extra) => renderWith(engine, text, Object.assign(Object.create(context) as Vars, extra), raw, `${file} (lookup from ${name})`),
    onSecret: engine.onSecret,
    variableNames: () => Object.keys(raw),
  });
  for (const [fn, value] of Object.entries(functions)) if (!(fn in context)) context[fn] = markCallable(value);
}

function evaluateIn(engine: Engine, expression: string, context: Vars, raw: Vars, name: string): unknown {
  const box = { value: undefined as unknown };
  renderWith(engine, `{{ (${expression}) | __capture }}`, context, raw, name, { box });
  // An undefined result renders the plain way, which raises nunjucks' located error.
  if (box.value === undefined) renderWith(engine, `{{ ${expression} }}`, context, raw, name);
  return box.value;
}

/** A task's or variable's string, templated as Ansible templates args (escape_backslashes, jinja-strings.ts). */
function valueOf(engine: Engine, written: string, context: Vars, raw: Vars, name: string): unknown {
  const text = escapeBackslashes(written);
  const single = SINGLE_EXPRESSION.exec(text);
  if (!single) return renderWith(engine, text, context, raw, name);
  const simple = SIMPLE_NAME.exec(single[1]!);
  if (simple) {
    // A secret passed whole stays a Secret, so it is still redacted wherever the arg is shown.
    const original = lookup(raw, simple[1]!.split('.'));
    if (isSecret(original)) return original;
  }
  return evaluateIn(engine, single[1]!, context, raw, name);
}

function renderValueIn(engine: Engine, value: unknown, context: Vars, raw: Vars, name: string): unknown {
  if (typeof value === 'string') return TEMPLATE_MARK.test(value) ? valueOf(engine, value, context, raw, name) : value;
  if (Array.isArray(value)) return value.map((v) => renderValueIn(engine, v, context, raw, name));
  if (value && typeof value === 'object' && !isSecret(value) && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValueIn(engine, v, context, raw, name)]));
  }
  return value;
}

// Ansible's is_possibly_template: a comment start too.
const TEMPLATE_MARK = /\{\{|\{%|\{#/;

/** Whether a (revealed) value holds a template string at any depth; memoized per object, as revealed trees are. */
function holdsTemplate(value: unknown, memo: WeakMap<object, boolean>): boolean {
  if (typeof value === 'string') return TEMPLATE_MARK.test(value);
  if (!value || typeof value !== 'object') return false;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, false); // a cycle holds no template by way of itself
  const values = Array.isArray(value) ? value : Object.getPrototypeOf(value) === Object.prototype ? Object.values(value) : [];
  const holds = values.some((v) => holdsTemplate(v, memo));
  memo.set(value, holds);
  return holds;
}
