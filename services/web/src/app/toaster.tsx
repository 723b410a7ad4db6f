import { Toaster } from '@fluentui/react-components';

/** Where the admin area's short confirmations appear ("2 licenses bought"), announced politely to screen readers. */
export const TOASTER_ID = 'portal-toaster';
export const AppToaster = () => <Toaster toasterId={TOASTER_ID} position="top-end" pauseOnHover pauseOnWindowBlur />;
