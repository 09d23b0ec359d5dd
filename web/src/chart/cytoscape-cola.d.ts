declare module 'cytoscape-cola' {
  import type { Ext } from 'cytoscape';

  const cola: Ext;
  export default cola;
}
