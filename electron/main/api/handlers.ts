import type { CommandArgs, CommandName, CommandOutput } from '../../../shared/api/contract';
import type { ReplicaDb } from '../../../db/sqlite/open';
import type { ReplicaWriter } from '../../../db/sqlite/writer';
import { clientDetail, listClients } from '../../../db/queries/clients';
import { dashboard } from '../../../db/queries/dashboard';
import { leadDetail } from '../../../db/queries/lead-detail';
import { listCampaigns, listContacts, listTickets } from '../../../db/queries/lists';
import { lookups } from '../../../db/queries/lookups';
import { kanban, listLeads } from '../../../db/queries/pipeline';
import { searchAll } from '../../../db/queries/search';
import { today } from '../../../db/queries/today';

export type Handlers = { [C in CommandName]: (args: CommandArgs<C>) => Promise<CommandOutput<C>> };

export interface HandlerDeps {
  db: ReplicaDb;
  writer: ReplicaWriter;
  now?: () => Date;
}

/** Every command of the API contract, answered from the local replica. */
export function createHandlers({ db, writer, now = () => new Date() }: HandlerDeps): Handlers {
  return {
    'lookups.get': async () => lookups(db),
    'leads.list': async (q) => listLeads(db, q),
    'leads.kanban': async (q) => kanban(db, q),
    'leads.get': async ({ id }) => leadDetail(db, id),
    'clients.list': async (q) => listClients(db, q),
    'clients.get': async ({ id }) => clientDetail(db, id),
    'contacts.list': async (q) => listContacts(db, q),
    'tickets.list': async (q) => listTickets(db, q),
    'campaigns.list': async (q) => listCampaigns(db, q),
    'today.list': async (q) => today(db, q, now()),
    'search.global': async ({ text, limit }) => searchAll(db, text, limit),
    'dashboard.get': async (q) => dashboard(db, q, now()),
    mutate: async ({ name, args }) => {
      const { mutation, result } = await writer.mutate(name, args);
      return { mutation_id: mutation.id, result };
    },
  };
}
