import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import { createI18n } from '../i18n/i18n';
import nl from '../i18n/nl.json';
import { LicenseCounter, poolSummary } from './license-counter';

function renderCounter(pool: Parameters<typeof poolSummary>[0], onAdd?: () => void) {
  const { i18n } = createI18n({ en, nl, de });
  void i18n.changeLanguage('en');
  return render(
    <I18nextProvider i18n={i18n}>
      <LicenseCounter pool={pool} onAdd={onAdd} />
    </I18nextProvider>,
  );
}

describe('license counter', () => {
  it('shows purchased, reserved, consumed and available as the pool gives them', () => {
    renderCounter({ purchased: 10, reserved: 2, consumed: 3, available: 5 });
    expect(screen.getByTestId('licenses-purchased').textContent).toBe('10');
    expect(screen.getByTestId('licenses-reserved').textContent).toBe('2');
    expect(screen.getByTestId('licenses-consumed').textContent).toBe('3');
    expect(screen.getByTestId('licenses-available').textContent).toBe('5');
    expect(screen.getByText('5 of 10 licenses in use')).toBeTruthy();
  });

  it('says what to do when none is available', () => {
    renderCounter({ purchased: 0, reserved: 0, consumed: 0, available: 0 });
    expect(screen.getByText('No license available: add licenses to the cart to invite someone.')).toBeTruthy();
  });

  it('offers the plus button, named for screen readers, that adds a license to the cart', () => {
    const onAdd = jest.fn();
    renderCounter({ purchased: 0, reserved: 0, consumed: 0, available: 0 }, onAdd);
    fireEvent.click(screen.getByRole('button', { name: 'Add a license to the cart' }));
    expect(onAdd).toHaveBeenCalledTimes(1);
  });

  it('calls a nearly full pool low, an empty one none', () => {
    expect(poolSummary({ purchased: 20, reserved: 10, consumed: 8, available: 2 }).state).toBe('low');
    expect(poolSummary({ purchased: 2, reserved: 1, consumed: 1, available: 0 }).state).toBe('none');
    expect(poolSummary({ purchased: 20, reserved: 1, consumed: 1, available: 18 })).toEqual({
      used: 2,
      share: 0.1,
      state: 'ok',
    });
  });
});
