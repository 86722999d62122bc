// One page of each type in the example site, by the name the tests and screenshots use.
export const PAGES = {
  home: '/',
  archive: '/archive/',
  year: '/2013/',
  report: '/2013/2013-work-summary/',
  section: '/2013/2013-work-summary/employment/',
  print: '/2013/2013-work-summary/print/',
  page: '/about/',
  '404': '/404.html',
};
