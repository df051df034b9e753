export default definePageConfig({
  navigationBarTitleText: '我包保的经营主体',
});
