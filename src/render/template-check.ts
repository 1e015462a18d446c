import Handlebars from 'handlebars';
import type { hbs as Env } from './handlebars-env.js';

/**
 * Names that belong to JavaScript objects, not to a contact row or the profile. With
 * prototype access off, Handlebars renders them as silent blanks even in strict mode, so
 * they are refused when the template is loaded.
 */
export const FORBIDDEN_NAMES = new Set([
  '__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'toLocaleString', 'valueOf',
]);

export interface TemplateIssue {
  line: number;
  column: number;
  message: string;
}

type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation };

/**
 * Static checks the Handlebars compiler does not make: a call with arguments to a helper
 * that does not exist (strict mode would report it as a missing field), and any use of a
 * name from FORBIDDEN_NAMES, as a path segment or as a literal key given to `lookup`.
 */
export function checkTemplate(env: typeof Env, source: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const at = (n: Node, message: string) => issues.push({ line: n.loc?.start.line ?? 1, column: (n.loc?.start.column ?? 0) + 1, message });

  class Check extends Handlebars.Visitor {
    override PathExpression(path: hbs.AST.PathExpression): void {
      const bad = path.parts.find((p) => FORBIDDEN_NAMES.has(p));
      if (bad) at(path, `"${path.original}": "${bad}" is not a field (names of JavaScript objects are refused)`);
    }

    private call(node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression): void {
      const p = node.path as hbs.AST.PathExpression;
      const isCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
      if (isCall && p.type === 'PathExpression' && !p.data && p.parts.length === 1 && !(p.original.startsWith('this')) && !env.helpers[p.parts[0]!])
        at(node, `unknown helper "${p.original}" (helpers: ${Object.keys(env.helpers).sort().join(', ')})`);
      if (p.type === 'PathExpression' && p.original === 'lookup')
        for (const param of node.params)
          if (param.type === 'StringLiteral' && FORBIDDEN_NAMES.has((param as hbs.AST.StringLiteral).value))
            at(param, `lookup "${(param as hbs.AST.StringLiteral).value}": not a field (names of JavaScript objects are refused)`);
    }

    override MustacheStatement(n: hbs.AST.MustacheStatement): void { this.call(n); super.MustacheStatement(n); }
    override BlockStatement(n: hbs.AST.BlockStatement): void { this.call(n); super.BlockStatement(n); }
    override SubExpression(n: hbs.AST.SubExpression): void { this.call(n); super.SubExpression(n); }
  }

  new Check().accept(Handlebars.parse(source));
  return issues;
}
