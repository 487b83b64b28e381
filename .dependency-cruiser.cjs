/**
 * The layer rules of ../shared/design/architecture.md ("Never"), checked by `npm run lint:deps`
 * (part of `npm test`). Each rule names why; a known exception is listed with its reason, so it
 * shows up here rather than hiding.
 */

/** Folders of the pure core: they read no file, socket, clock or environment. */
const CORE = '^server/(domain|process|understand|policy|phrase)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles (between modules, hence between folders).',
      from: { path: '^server/' },
      to: { circular: true },
    },
    {
      name: 'openai-only-in-llm',
      severity: 'error',
      comment: 'Only server/llm/ imports the openai SDK; everything else speaks our model interface.',
      from: { path: '^server/', pathNot: '^server/llm/' },
      to: { path: '(^|/)node_modules/openai/' },
    },
    {
      name: 'protocol-only-at-the-edges',
      severity: 'error',
      comment: 'Protocol frames belong to ws/ and http/; the core and the session service emit domain events.',
      from: { path: '^server/', pathNot: '^server/(ws|http|protocol)/' },
      to: { path: '^server/protocol/' },
    },
    {
      name: 'no-fs-in-the-core',
      severity: 'error',
      comment: 'Content is loaded once at start-up (server/content/) and passed in.',
      from: { path: CORE },
      to: { path: '^(node:)?fs(/promises)?$', dependencyTypes: ['core'] },
    },
    {
      name: 'core-does-not-load-content',
      severity: 'error',
      comment: 'The core gets content as parameters; only app.ts, main.ts, eval/ and tests call the loaders.',
      from: { path: `${CORE}|^server/(app|persona|classify|store|llm)/` },
      to: { path: '^server/content/' },
    },
    {
      name: 'domain-depends-on-nothing',
      severity: 'error',
      comment: 'domain/ holds types and schemas only.',
      from: { path: '^server/domain/' },
      to: { path: '^server/', pathNot: '^server/domain/' },
    },
    {
      name: 'process-depends-on-domain-only',
      severity: 'error',
      from: { path: '^server/process/' },
      to: { path: '^server/', pathNot: '^server/(domain|process)/' },
    },
    {
      name: 'understand-depends-on-domain-and-classify',
      severity: 'error',
      comment:
        'Reading a message (readers, text tools, the crisis screen) uses the domain types and the linear models and features of classify/; never policy/, phrase/ or anything above.',
      from: { path: '^server/understand/' },
      to: { path: '^server/', pathNot: '^server/(domain|understand|classify)/' },
    },
    {
      name: 'classify-below-understand',
      severity: 'error',
      comment: 'understand/ reads with the models of classify/, so classify/ never imports understand/ (its model labeler uses only the llm/ interface).',
      from: { path: '^server/classify/' },
      to: { path: '^server/', pathNot: '^server/(domain|classify|llm)/' },
    },
    {
      name: 'phrase-not-below-understand',
      severity: 'error',
      comment: 'phrase/ may use the text tools and readers of understand/, never the reverse: nothing that reads a message imports how the coach words a reply.',
      from: { path: '^server/(domain|process|understand|classify)/' },
      to: { path: '^server/phrase/' },
    },
    {
      name: 'phrase-below-policy',
      severity: 'error',
      comment: 'policy/ chooses the moves and words them with phrase/; phrase/ never reaches back up to policy/ (the content bundle CoachContent lives in policy/ for that reason).',
      from: { path: '^server/phrase/' },
      to: { path: '^server/', pathNot: '^server/(domain|process|understand|phrase|llm)/' },
    },
    {
      name: 'edges-below-the-core',
      severity: 'error',
      comment: 'store/ and llm/ are edges the core uses; they know nothing of it.',
      from: { path: '^server/(store|llm)/' },
      to: { path: '^server/', pathNot: '^server/(domain|store|llm)/|^server/errors[.]ts$' },
    },
    {
      name: 'core-below-the-session',
      severity: 'error',
      comment: 'The turn logic never reaches up to the session service, the edges or the wiring.',
      from: { path: `${CORE}|^server/(classify|persona)/` },
      to: { path: '^server/(app|ws|http)/|^server/(app|main)[.]ts$' },
    },
    {
      name: 'session-below-the-edges',
      severity: 'error',
      from: { path: '^server/app/' },
      to: { path: '^server/(ws|http)/|^server/(app|main)[.]ts$' },
    },
    {
      name: 'calendar-reads-nothing',
      severity: 'error',
      comment: 'calendar/ turns a session state and its rules (loaded by content/) into a file: no fs, store or edge.',
      from: { path: '^server/calendar/' },
      to: { path: '^server/(?!domain/|calendar/)|^(node:)?fs(/promises)?$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
