import type { CommandName } from '../../../shared/api/contract';
import { newId } from '../../queries/support';
import { type Case, UNKNOWN } from './case';

/** Duplicates, merges, imports and exports. */
export const importCases = () =>
  ({
    'duplicates.check': [
      [{}, 'kind'],
      [{ kind: 'contacts' }, 'kind'],
      [{ kind: 'leads', email: 5 }, 'email'],
      [{ kind: 'leads', last_name: 'x'.repeat(121) }, 'last_name'],
      [{ kind: 'clients', limit: 21 }, 'limit'],
      [{ kind: 'clients', postal_code: 'x'.repeat(11) }, 'postal_code'],
    ],
    'duplicates.list': [
      [{}, 'kind'],
      [{ kind: 'policies' }, 'kind'],
      [{ kind: 'leads', limit: 0 }, 'limit'],
      [{ kind: 'leads', limit: 501 }, 'limit'],
    ],
    'duplicates.scan': [
      [{}, 'kind'],
      [{ kind: 'tickets' }, 'kind'],
      [{ kind: 'leads', full: 'yes' }, 'full'],
    ],
    'duplicates.dismiss': [
      [{ kind: 'leads' }, 'a'],
      [{ kind: 'leads', a: 'x', b: UNKNOWN }, 'a'],
      [{ kind: 'leads', a: UNKNOWN, b: UNKNOWN }, 'b'],
      [{ kind: 'users', a: UNKNOWN, b: UNKNOWN }, 'kind'],
    ],
    'merge.preview': [
      [{ kind: 'clients' }, 'survivor_id'],
      [{ kind: 'clients', survivor_id: 'x', merged_id: UNKNOWN }, 'survivor_id'],
      [{ kind: 'clients', survivor_id: UNKNOWN, merged_id: UNKNOWN }, 'merged_id'],
      [{ kind: 'clients', survivor_id: UNKNOWN, merged_id: newId() }, UNKNOWN, 'not_found'],
    ],
    'imports.upload': [
      [{ name: 'a.csv', offset: 0, last: true }, 'data'],
      [{ name: 'a.exe', offset: 0, data: 'YQ==', last: true }, 'name'],
      [{ name: 'a.csv', offset: -1, data: 'YQ==', last: true }, 'offset'],
      [{ name: 'a.csv', offset: 0, data: 'not base64!', last: true }, 'data'],
      [{ upload_id: UNKNOWN, name: 'a.csv', offset: 0, data: 'YQ==', last: true }, 'upload', 'not_found'],
    ],
    'imports.inspect': [
      [{ kind: 'leads' }, 'upload_id'],
      [{ upload_id: UNKNOWN, kind: 'planets' }, 'kind'],
      [{ upload_id: UNKNOWN, kind: 'leads' }, 'upload', 'not_found'],
    ],
    'imports.preview': [
      [{ upload_id: UNKNOWN, kind: 'leads' }, 'mapping'],
      [{ upload_id: UNKNOWN, kind: 'leads', mapping: { columns: [] }, limit: 51 }, 'limit'],
      [{ upload_id: UNKNOWN, kind: 'leads', mapping: { columns: [], dateOrder: 'XYZ' } }, 'dateOrder'],
    ],
    'imports.start': [
      [{ upload_id: UNKNOWN, kind: 'leads', mapping: { columns: [] }, on_duplicate: 'merge' }, 'on_duplicate'],
      [{ upload_id: UNKNOWN, kind: 'leads', mapping: { columns: [] } }, 'upload', 'not_found'],
    ],
    'imports.run': [
      [{}, 'run_id'],
      [{ run_id: UNKNOWN }, 'run', 'not_found'],
    ],
    'imports.cancel': [
      [{ run_id: 'x' }, 'run_id'],
      [{ run_id: UNKNOWN }, 'run', 'not_found'],
    ],
    'imports.issues': [
      [{ run_id: UNKNOWN, limit: 0 }, 'limit'],
      [{ run_id: UNKNOWN }, 'run', 'not_found'],
    ],
    'imports.report': [
      [{ run_id: 5 }, 'run_id'],
      [{ run_id: UNKNOWN }, 'run', 'not_found'],
    ],
    'imports.undo': [
      [{}, 'run_id'],
      [{ run_id: UNKNOWN }, 'run', 'not_found'],
    ],
    'imports.list': [[{ x: 1 }, 'x']],
    'imports.open': [
      [{}, 'import_id'],
      [{ import_id: UNKNOWN }, 'import', 'not_found'],
    ],
    'imports.resume': [
      [{ run_id: 1 }, 'run_id'],
      [{ run_id: UNKNOWN }, 'run', 'not_found'],
    ],
    'imports.mappings': [[{ kind: 'planets' }, 'kind']],
    'imports.saveMapping': [
      [{ name: '', kind: 'leads', mapping: { columns: ['email'] } }, 'name'],
      [{ name: 'x', kind: 'leads', mapping: { columns: 'email' } }, 'columns'],
    ],
    'exports.create': [
      [{ kind: 'planets', format: 'csv' }, 'kind'],
      [{ kind: 'leads', format: 'pdf' }, 'format'],
      [{ kind: 'leads', format: 'csv', leads: { sort: 'password' } }, 'sort'],
    ],
  }) satisfies Partial<Record<CommandName, Case[]>>;
