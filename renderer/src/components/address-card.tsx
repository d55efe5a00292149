import { useState } from 'react';
import type { Row } from '../../../shared/model/catalogue';
import { mutate } from '../api/mutate';
import { paperDate } from '../lib/format';
import { textOrNull, useForm } from '../lib/use-form';
import { useUi } from '../stores/ui';
import { Field } from './field';
import { Modal } from './modal';

type Subject = { lead_id: string } | { client_id: string };
type Kind = 'physical' | 'mailing';
type Address = Row<'addresses'>;

export function addressLine(a: Address): string {
  return `${a.line1}${a.line2 ? `, ${a.line2}` : ''}, ${a.city}, ${a.state} ${a.postal_code}`;
}

/**
 * The county as stored, named as one where it is not already ("Sacramento" → "Sacramento County";
 * "Sacramento County" and "Orleans Parish" stay as they are).
 */
const countyName = (county: string) =>
  /\b(county|parish|borough|census area|municipality)$/i.test(county.trim())
    ? county.trim()
    : `${county.trim()} County`;

/** The seed's verification and geocode fields, said in words. */
function AddressFacts({ a }: { a: Address }) {
  const verified = a.is_verified
    ? `Verified${a.verification_source ? ` by ${a.verification_source}` : ''}${a.verified_at ? ` on ${paperDate(a.verified_at)}` : ''}`
    : 'Not verified';
  const geocoded =
    a.geocoded_at && a.latitude !== null && a.longitude !== null
      ? `Geocoded (${a.geocode_accuracy ?? 'unknown'}): ${a.latitude.toFixed(5)}, ${a.longitude.toFixed(5)}`
      : 'Not geocoded';
  return (
    <div className="muted small" data-testid="address-facts">
      {[a.county ? countyName(a.county) : null, verified, geocoded].filter(Boolean).join(' · ')}
    </div>
  );
}

function AddressDialog({
  subject,
  kind,
  address,
  onClose,
}: {
  subject: Subject;
  kind: Kind;
  address: Address | null;
  onClose(): void;
}) {
  const title = `${address ? 'Edit' : 'Add'} ${kind === 'mailing' ? 'mailing address' : 'address'}`;
  const form = useForm({
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    state: address?.state ?? '',
    postal_code: address?.postal_code ?? '',
    county: address?.county ?? '',
  });
  const v = form.values;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(() =>
      mutate('upsertAddress', {
        ...(address ? { id: address.id } : {}),
        line1: v.line1,
        line2: textOrNull(v.line2),
        city: v.city,
        state: v.state,
        postal_code: v.postal_code,
        county: textOrNull(v.county),
        link: { ...subject, as: kind },
      }),
    );
    if (ok) {
      useUi.getState().toast('ok', address ? 'Address saved' : 'Address added');
      onClose();
    }
  };
  const field = (name: keyof typeof v, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field
      name={name}
      label={label}
      value={v[name]}
      onChange={(x) => form.set(name, x)}
      error={form.errors[name]}
      {...extra}
    />
  );
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="address-form" className="btn primary" disabled={form.busy}>
            Save address
          </button>
        </>
      }
    >
      <form id="address-form" className="form-grid" onSubmit={save} noValidate>
        {field('line1', 'Street', { required: true, wide: true, autoComplete: 'address-line1' })}
        {field('line2', 'Apartment, suite', { wide: true, autoComplete: 'address-line2' })}
        {field('city', 'City', { required: true, autoComplete: 'address-level2' })}
        {field('state', 'State', { required: true, placeholder: 'IL', autoComplete: 'address-level1' })}
        {field('postal_code', 'ZIP code', { required: true, autoComplete: 'postal-code' })}
        {field('county', 'County')}
        {address && (
          <div className="muted small wide">
            A changed address is no longer verified or geocoded until checked again.
          </div>
        )}
        {form.formError && <div className="form-error wide">{form.formError}</div>}
      </form>
    </Modal>
  );
}

/** A record's address(es) from the normalized addresses table, each editable in a dialog. */
export function AddressCard({
  subject,
  address,
  mailing,
  readOnly,
}: {
  subject: Subject;
  address: Address | null;
  /** Clients also have a mailing address; leads have one address (pass undefined). */
  mailing?: Address | null;
  readOnly?: boolean;
}) {
  const [editing, setEditing] = useState<Kind | null>(null);
  const rows: Array<[Kind, string, Address | null]> = [['physical', 'Address', address]];
  if (mailing !== undefined) rows.push(['mailing', 'Mailing address', mailing]);
  return (
    <section className="card" aria-label="Addresses">
      <div className="card-head">
        <h3>{mailing === undefined ? 'Address' : 'Addresses'}</h3>
      </div>
      <ul className="plain-list">
        {rows.map(([kind, label, a]) => (
          <li key={kind} data-testid={`address-${kind}`}>
            <div className="row">
              <strong>{label}</strong>
              <span className="spacer" />
              {!readOnly && (
                <button
                  type="button"
                  className="btn ghost small"
                  onClick={() => setEditing(kind)}
                  aria-label={`${a ? 'Edit' : 'Add'} ${label.toLowerCase()}`}
                >
                  {a ? 'Edit' : 'Add'}
                </button>
              )}
            </div>
            {a ? (
              <>
                <div data-testid="address-line">{addressLine(a)}</div>
                <AddressFacts a={a} />
              </>
            ) : (
              <div className="muted small">
                {kind === 'mailing' ? 'Same as the address (none on file).' : 'No address on file.'}
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing && (
        <AddressDialog
          subject={subject}
          kind={editing}
          address={editing === 'mailing' ? (mailing ?? null) : address}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
