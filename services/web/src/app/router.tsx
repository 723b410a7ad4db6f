import { Spinner } from '@fluentui/react-components';
import { Outlet, createBrowserRouter, type RouteObject } from 'react-router';
import { SignInCallbackPage } from '../features/auth/sign-in-callback';
import { SessionEndedPage, SignedOutPage } from '../features/auth/signed-out';
import { HomePage, NotFoundPage } from '../features/home/home-page';
import { AppLayout } from './layout';
import { RequireSignIn } from './require-sign-in';
import { RouteError } from './route-error';

/** A page loaded with its area's chunk, so a partner never downloads the administrator's pages. */
const page = <M,>(load: () => Promise<M>, pick: (module: M) => React.ComponentType) => ({
  lazy: async () => ({ Component: pick(await load()) }),
});
const admin = () => import('../features/admin/admin-area');
const partner = () => import('../features/partner/partner-area');

/** The pages of a partner's workspace: for its users under /portal, for administrators read-only under their view. */
const workspacePages = (readOnly: boolean): RouteObject[] => [
  { index: true, ...page(partner, (m) => m.PartnerHomePage) },
  { path: 'documents/:type', ...page(partner, (m) => m.DocumentsPage) },
  { path: 'documents/:type/:documentId', ...page(partner, (m) => m.DocumentPage) },
  { path: 'stock', ...page(partner, (m) => m.StockPage) },
  { path: 'stock/license-plates/:licensePlate', ...page(partner, (m) => m.LicensePlatePage) },
  { path: 'orders', ...page(partner, (m) => m.OrdersPage) },
  ...(readOnly
    ? []
    : [
        { path: 'orders/new', ...page(partner, (m) => m.OrderWizardPage) },
        { path: 'orders/upload', ...page(partner, (m) => m.OrderUploadPage) },
        { path: 'colleagues', ...page(partner, (m) => m.ColleaguesPage) },
      ]),
  { path: 'orders/:portalOrderId', ...page(partner, (m) => m.OrderPage) },
];

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Spinner label="…" style={{ padding: 48 }} />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'auth/callback', element: <SignInCallbackPage /> },
      { path: 'signed-out', element: <SignedOutPage /> },
      { path: 'session-ended', element: <SessionEndedPage /> },
      {
        path: 'invitations/accept',
        ...page(
          () => import('../features/invitation-accept/invitation-accept-page'),
          (m) => m.InvitationAcceptPage,
        ),
      },
      {
        element: (
          <RequireSignIn>
            <Outlet />
          </RequireSignIn>
        ),
        children: [
          { path: 'admin', ...page(admin, (m) => m.AdminHomePage) },
          {
            path: 'admin/:tenantId',
            ...page(admin, (m) => m.AdminLayout),
            children: [
              { index: true, ...page(admin, (m) => m.CollaborateExchangePage) },
              { path: 'invite', ...page(admin, (m) => m.InvitePage) },
              { path: 'invitations', ...page(admin, (m) => m.InvitationsPage) },
              { path: 'portal-users', ...page(admin, (m) => m.PortalUsersPage) },
              { path: 'licenses', ...page(admin, (m) => m.LicensesPage) },
              { path: 'administrators', ...page(admin, (m) => m.AdministratorsPage) },
              { path: 'connector-keys', ...page(admin, (m) => m.ConnectorKeysPage) },
              { path: 'settings', ...page(admin, (m) => m.SettingsPage) },
              { path: 'partners', ...page(admin, (m) => m.PartnerPickerPage) },
              {
                path: 'partners/:environment/:companyId/:partnerType/:partnerNo',
                ...page(admin, (m) => m.AdminPartnerLayout),
                children: workspacePages(true),
              },
            ],
          },
          {
            path: 'portal',
            ...page(partner, (m) => m.PartnerLayout),
            children: workspacePages(false),
          },
          { path: 'me', ...page(partner, (m) => m.MePage) },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
