export default definePageConfig({ navigationBarTitleText: '经营主体公示' });
