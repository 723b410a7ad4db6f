import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import { createI18n } from '../i18n/i18n';
import nl from '../i18n/nl.json';
import { invitationBadge, InvitationStatusBadge } from './status-badge';

function renderIn(language: string, invitation: { status: string; locked?: boolean }) {
  const { i18n } = createI18n({ en, nl, de });
  void i18n.changeLanguage(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <InvitationStatusBadge invitation={invitation} />
    </I18nextProvider>,
  );
}

describe('invitation status badge', () => {
  it('names every status in words, in the person language', () => {
    renderIn('en', { status: 'pending_license' });
    expect(screen.getByText('Pending license')).toBeTruthy();
    renderIn('nl', { status: 'accepted' });
    expect(screen.getByText('Geaccepteerd')).toBeTruthy();
    renderIn('de', { status: 'email_failed' });
    expect(screen.getByText('E-Mail fehlgeschlagen')).toBeTruthy();
  });

  it('adds "Locked" to an invited invitation that refuses codes, and only to one that is open', () => {
    renderIn('en', { status: 'invited', locked: true });
    expect(screen.getByText('Invited')).toBeTruthy();
    expect(screen.getByText('Locked')).toBeTruthy();
    expect(invitationBadge({ status: 'accepted', locked: true }).locked).toBe(false);
  });

  it('gives each ending its own look: accepted is success, refused and failed are danger', () => {
    expect(invitationBadge({ status: 'accepted' }).look.color).toBe('success');
    expect(invitationBadge({ status: 'rejected' }).look.color).toBe('danger');
    expect(invitationBadge({ status: 'email_failed' }).look.color).toBe('danger');
    expect(invitationBadge({ status: 'revoked' }).look.color).toBe('subtle');
  });
});
