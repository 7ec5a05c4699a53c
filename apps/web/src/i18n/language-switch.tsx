import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage, languages, switchLanguage } from './i18n.ts';

/** The language menu in the header (and on the login page); the choice is kept on this device. */
export function LanguageSwitch(props: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: languages.map((l) => ({ key: l, label: <span data-testid={`lang-${l}`}>{t(`lang.${l}`)}</span> })),
        onClick: ({ key }) => {
          const next = languages.find((l) => l === key);
          if (next) void switchLanguage(i18n, next);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('nav.language')} data-testid="lang-switch">
        {!props.compact && t(`lang.${lang}`)}
      </Button>
    </Dropdown>
  );
}
