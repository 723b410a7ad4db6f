// The partner's area as one chunk: its layout and pages.
export { PartnerLayout } from './partner-layout';
export { PartnerHomePage } from './partner-home-page';
export { MePage } from '../me/me-page';
