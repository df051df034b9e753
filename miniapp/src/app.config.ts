// The tab pages are in the main package; pages opened from them, the staff workbench and the admin screens
// load as subPackages to keep it small.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/report/index', 'pages/mine/index'],
  // WeChat's privacy check: photo and camera, location, clipboard and chat-file APIs wait for consent given in the
  // app's own panel beside the control that asked (wechat/privacy.ts).
  __usePrivacyCheck__: true,
  subPackages: [
    { root: 'pages/track', pages: ['index'] },
    { root: 'pages/complaint', pages: ['index'] },
    { root: 'pages/news', pages: ['index', 'article'] },
    { root: 'pages/public', pages: ['penalties', 'streets', 'street', 'business'] },
    { root: 'pages/privacy', pages: ['index'] },
    { root: 'pages/not-found', pages: ['index'] },
    { root: 'pages/survey', pages: ['index', 'answer'] },
    { root: 'pages/workbench', pages: ['index', 'templates', 'businesses', 'articles', 'article-edit', 'disclosures', 'sampling', 'ratings', 'rectifications', 'rectification'] },
    { root: 'pages/admin', pages: ['index', 'businesses', 'cadres', 'volunteers', 'users', 'calendar', 'surveys', 'survey', 'partner-keys'] },
    // 数据看板: the chart library (F2) lives only here, outside the main package.
    { root: 'pages/dashboard', pages: ['index', 'records'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0b7a4b',
    navigationBarTitleText: '食安共治',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f5',
  },
  tabBar: {
    // 4.5:1 or more on the white bar (#8a8f99 was 3.25:1).
    color: '#5c6370',
    selectedColor: '#0b7a4b',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/report/index',
        text: '随手拍',
        iconPath: 'assets/tab/report.png',
        selectedIconPath: 'assets/tab/report-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
});
