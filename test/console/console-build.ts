// The one helper lives with the scripts (the binary build needs it too); tests import it from here.
export { ensureConsoleBuilt } from '../../scripts/console-build.ts';
