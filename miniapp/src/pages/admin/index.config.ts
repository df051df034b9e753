export default definePageConfig({
  navigationBarTitleText: '区食安办管理',
});
