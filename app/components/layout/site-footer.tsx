import { Link } from '@remix-run/react'

import { useRootData } from '#app/root'
import { useTranslation } from '#app/utils/i18n/i18n'

import { ContactUs } from './contact-us'

export function SiteFooter() {
  const data = useRootData()
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <div>
          <p className="site-footer__name">{data?.site.name ?? 'Ideabox'}</p>
          <p>{t('footer.about')}</p>
          <ContactUs purpose="questions" as="p" />
        </div>
        <nav aria-label={t('nav.footer')}>
          <ul className="site-footer__links">
            <li>
              <Link to="/ideas">{t('nav.ideas')}</Link>
            </li>
            <li>
              <Link to="/roadmap">{t('nav.roadmap')}</Link>
            </li>
            <li>
              <Link to="/updates">{t('nav.updates')}</Link>
            </li>
            <li>
              <Link to="/leaderboard">{t('nav.leaderboard')}</Link>
            </li>
            <li>
              <Link to="/promises">{t('nav.promises')}</Link>
            </li>
            <li>
              <Link to="/privacy">{t('footer.privacy')}</Link>
            </li>
          </ul>
        </nav>
        <p className="site-footer__small">{t('footer.poweredBy')}</p>
      </div>
    </footer>
  )
}
