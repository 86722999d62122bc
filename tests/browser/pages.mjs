// One page of each type in the example site, by the name the tests and screenshots use.
export const PAGES = {
  home: '/',
  archive: '/archive/',
  year: '/2013/',
  report: '/2013/2013-work-summary/',
  section: '/2013/2013-work-summary/employment/',
  print: '/2013/2013-work-summary/print/',
  page: '/about/',
  figures: '/figures/',
  figure: `/figures/${encodeURIComponent('市级以上巾帼文明岗')}/`,
  search: '/search/?q=%E5%B7%BE%E5%B8%BC%E6%96%87%E6%98%8E%E5%B2%97',
  '404': '/404.html',
};
