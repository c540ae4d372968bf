// Oxlint JS plugin (ESLint rule API): what oxlint's built-in restriction rules cannot say about the pure core.
// `new Date()` with no argument reads the clock; `import()` loads code at run time (STYLE.md habit 8).
export default {
  meta: { name: 'storebox' },
  rules: {
    'no-clock-or-dynamic-import': {
      meta: { type: 'problem', docs: { description: 'core takes time and code as inputs' } },
      create(context) {
        return {
          NewExpression(node) {
            if (node.callee.type === 'Identifier' && node.callee.name === 'Date' && node.arguments.length === 0)
              context.report({ node, message: '`new Date()` reads the clock: pass the time in (Clock port).' });
          },
          ImportExpression(node) {
            context.report({ node, message: 'dynamic import() in core: import statically from core only.' });
          },
        };
      },
    },
  },
};
