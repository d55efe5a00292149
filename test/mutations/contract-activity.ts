/** addNote, logCommunication, addContact, updateContact, setPrimaryContact, upsertAddress. */
import { describe } from 'vitest';
import type { MutationName } from '../../shared/mutations/registry';
import type { StoreKind } from '../support/stores';
import { contactsAndAddressesTests } from './contract-contacts-and-addresses';
import { notesAndCommunicationsTests } from './contract-notes-and-communications';
import { useStore } from './helpers';

export function activitySuite(kind: StoreKind, covered: Set<MutationName>) {
  describe('activity', () => {
    const ctx = useStore(kind, covered);

    notesAndCommunicationsTests(ctx);
    contactsAndAddressesTests(ctx);
  });
}
