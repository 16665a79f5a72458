import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogues } from './messages';

// The code against the catalogues: every message key the code names exists (in both languages, the
// catalogue test checks they match), and no user-facing text is written straight into a page or a
// component: JSX text and the text attributes a user reads or hears go through the catalogue.

const ROOTS = ['app', 'components', 'lib'];
/** Attributes read or heard by users. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'placeholder', 'title', 'alt', 'label', 'description', 'caption']);
/** Text that is the same in every language: file formats, the currency sign, separators. */
const UNIVERSAL = /^(XLSX|CSV|PDF|DOCX|JSON|KB|MB|₫|%|[\s\d.,:;/·–—()+×*#-]+)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

function hasKey(key: string): boolean {
  let node: unknown = catalogues.vi;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Walks every source file once, collecting the keys it names and the raw texts it shows. */
function scan() {
  const keys: (Finding & { key: string })[] = [];
  const rawTexts: Finding[] = [];
  for (const file of ROOTS.flatMap((root) => sourceFiles(root))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    // Translators: `const t = await getTranslations('ns')`, `useTranslations('ns')`, `translator(locale)`.
    const namespaces = new Map<string, string>();
    const visit = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const call = ts.isAwaitExpression(node.initializer) ? node.initializer.expression : node.initializer;
        if (ts.isCallExpression(call) && ts.isIdentifier(call.expression) && ['getTranslations', 'useTranslations', 'translator'].includes(call.expression.text)) {
          const [first] = call.arguments;
          namespaces.set(node.name.text, call.expression.text !== 'translator' && first && ts.isStringLiteral(first) ? `${first.text}.` : '');
        }
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && namespaces.has(node.expression.text)) {
        const [first] = node.arguments;
        if (first && ts.isStringLiteral(first)) keys.push({ file, line: lineOf(node), text: first.text, key: `${namespaces.get(node.expression.text)}${first.text}` });
      }
      // new AppError(code, 'key', …) and field errors { key: 'module.key' }.
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'AppError') {
        const second = node.arguments?.[1];
        if (second && ts.isStringLiteral(second)) keys.push({ file, line: lineOf(node), text: second.text, key: second.text });
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'key' && ts.isStringLiteral(node.initializer) && /^[a-z]+(\.[A-Za-z0-9_]+)+$/.test(node.initializer.text)) {
        keys.push({ file, line: lineOf(node), text: node.initializer.text, key: node.initializer.text });
      }
      if (ts.isJsxText(node)) {
        const text = node.getText().trim();
        if (/\p{L}{2,}/u.test(text) && !UNIVERSAL.test(text)) rawTexts.push({ file, line: lineOf(node), text });
      }
      if (
        ts.isJsxAttribute(node) && ts.isIdentifier(node.name) && TEXT_ATTRIBUTES.has(node.name.text)
        && node.initializer && ts.isStringLiteral(node.initializer)
      ) {
        const text = node.initializer.text.trim();
        if (/\p{L}{2,}/u.test(text) && !UNIVERSAL.test(text)) rawTexts.push({ file, line: lineOf(node), text: `${node.name.text}="${text}"` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { keys, rawTexts };
}

const { keys, rawTexts } = scan();
const where = (f: Finding) => `${f.file}:${f.line} ${f.text}`;

describe('the code and the catalogues', () => {
  it('names only message keys that exist', () => {
    expect(keys.length).toBeGreaterThan(500);
    expect(keys.filter((k) => !hasKey(k.key)).map((k) => `${where(k)} → ${k.key}`)).toEqual([]);
  });

  it('shows no text that bypasses the catalogue', () => {
    expect(rawTexts.map(where)).toEqual([]);
  });
});

describe('the catalogues and the database enums', () => {
  it('name every value of an enum wherever they name its values (a dynamic key cannot miss one)', () => {
    const schema = readFileSync('prisma/schema.prisma', 'utf8');
    const enums = [...schema.matchAll(/^enum (\w+) \{([^}]*)\}/gm)].map(([, name, body]) => ({
      name: name!,
      values: body!.split('\n').map((line) => line.trim()).filter((line) => /^[A-Z][A-Z0-9_]*$/.test(line)),
    }));
    expect(enums.length).toBeGreaterThan(10);
    const missing: string[] = [];
    const walk = (node: Record<string, unknown>, at: string) => {
      const keys = Object.keys(node);
      const owner = keys.length >= 2 && enums.find((e) => keys.every((k) => e.values.includes(k)));
      if (owner) for (const value of owner.values) if (!keys.includes(value)) missing.push(`${at}.${value} (${owner.name})`);
      for (const [key, child] of Object.entries(node)) if (typeof child === 'object' && child) walk(child as Record<string, unknown>, at ? `${at}.${key}` : key);
    };
    walk(catalogues.vi as Record<string, unknown>, '');
    expect(missing).toEqual([]);
  });
});
