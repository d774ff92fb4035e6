// Static checks of the Electron hardening that needs no Electron binary: the webPreferences every
// window and view gets, the sandbox switch, and the handlers for navigation, new windows and
// permissions (Electron checklist #2–#5, #10, #11, #13, #14). Read from the TypeScript AST, so a
// comment or a string that merely mentions a call does not count.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function source(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function mainFiles(dir = 'electron/main'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? mainFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every call `x.method(...)` in electron/main, as "method" and, for .on/.once, "on:event". */
function calls(): Set<string> {
  const found = new Set<string>();
  for (const file of mainFiles()) {
    walk(source(file), (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const method = node.expression.name.text;
      found.add(method);
      const [first] = node.arguments;
      if ((method === 'on' || method === 'once') && first && ts.isStringLiteral(first)) found.add(`on:${first.text}`);
    });
  }
  return found;
}

function literalValue(node: ts.Expression): unknown {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(node)) return node.text;
  return Symbol('not a literal');
}

describe('Electron hardening (static)', () => {
  it('web-preferences.ts states every security preference explicitly', () => {
    const file = source('electron/main/web-preferences.ts');
    let hardened: Record<string, unknown> | undefined;
    walk(file, (node) => {
      if (!ts.isVariableDeclaration(node) || node.name.getText() !== 'hardened' || !node.initializer) return;
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) return;
      hardened = Object.fromEntries(init.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(), literalValue(p.initializer)]));
    });
    expect(hardened).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('every webPreferences in electron/main is built from the hardened set', () => {
    const builders = new Set(['shellWebPreferences', 'appViewWebPreferences', 'promptWebPreferences']);
    const offenders: string[] = [];
    for (const file of mainFiles()) {
      walk(source(file), (node) => {
        if (!ts.isPropertyAssignment(node) || node.name.getText() !== 'webPreferences') return;
        const value = node.initializer;
        const ok = ts.isCallExpression(value) && builders.has(value.expression.getText());
        if (!ok) offenders.push(`${file}: webPreferences: ${value.getText().slice(0, 60)}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('main.ts enables the sandbox for all renderers at the top level, before anything else runs', () => {
    const file = source('electron/main/main.ts');
    const topLevel = file.statements.filter(ts.isExpressionStatement).map((s) => s.expression.getText());
    expect(topLevel).toContain('app.enableSandbox()');
  });

  it('has the navigation, new-window, webview and permission handlers', () => {
    const found = calls();
    for (const needed of ['on:will-navigate', 'on:will-redirect', 'on:will-frame-navigate', 'on:will-attach-webview', 'setWindowOpenHandler', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler', 'requestSingleInstanceLock']) {
      expect(found, needed).toContain(needed);
    }
    for (const forbidden of ['on:certificate-error', 'setCertificateVerifyProc', 'registerFileProtocol', 'loadFile']) expect(found, forbidden).not.toContain(forbidden);
  });
});
