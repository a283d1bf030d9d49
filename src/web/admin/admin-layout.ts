import { componentPage, type PageComponent } from '../page-components.js';
import type { ViewModel } from '../views.js';

export type AdminSection = 'surveys' | 'tokens' | 'audit' | 'account';

export const adminServiceName = 'Canvass admin';

/** An admin page: the admin service name, its menu (when signed in) and full width when asked. */
export function adminPage(
  title: string,
  section: AdminSection | undefined,
  components: PageComponent[],
  options: { hasErrors?: boolean; backLink?: string; fullWidth?: boolean; signedIn?: boolean; autocomplete?: boolean } = {},
): ViewModel {
  const navigation =
    options.signedIn === false
      ? undefined
      : [
          { text: 'Surveys', href: '/admin', current: section === 'surveys' },
          { text: 'API tokens', href: '/admin/api-tokens', current: section === 'tokens' },
          { text: 'Audit log', href: '/admin/audit', current: section === 'audit' },
          { text: 'Sign out', href: '/admin/sign-out', current: section === 'account' },
        ];
  return componentPage(
    {
      title,
      serviceName: adminServiceName,
      serviceUrl: '/admin',
      ...(options.hasErrors ? { hasErrors: true } : {}),
      ...(options.backLink ? { backLink: options.backLink } : {}),
      ...(navigation ? { navigation } : {}),
      ...(options.autocomplete ? { autocomplete: true } : {}),
    },
    components,
    { fullWidth: options.fullWidth ?? false },
  );
}
