"""Scrapy baseline for the zcrawl benchmark.

Run (from any directory, with Debian's python):
  /usr/bin/python3 -m scrapy runspider bench/scrapy_spider.py \
      -a start=http://127.0.0.1:18080/index.html -O out.jsonl \
      -s CONCURRENT_REQUESTS=32 -s CONCURRENT_REQUESTS_PER_DOMAIN=32

Follows every <a>/<area> link on the start URL's host:port (fragments are
stripped by the LinkExtractor, duplicates dropped by the default dupefilter)
and yields one item {url, title} per HTML page fetched, start page included.
"""
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule


class BenchSpider(CrawlSpider):
    name = "zcrawl_bench"

    # Defaults; crawl_bench.sh passes the same values again with -s so the
    # command line shows the full configuration.
    custom_settings = {
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "CONCURRENT_REQUESTS_PER_IP": 0,
        "DOWNLOAD_DELAY": 0,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "ROBOTSTXT_OBEY": False,
        "AUTOTHROTTLE_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "DEPTH_LIMIT": 0,
        "FEED_EXPORT_ENCODING": "utf-8",
    }

    def __init__(self, start=None, *args, **kwargs):
        if not start:
            raise ValueError("pass the start URL: -a start=http://HOST:PORT/index.html")
        parts = urlsplit(start)
        host = parts.hostname
        netloc = parts.netloc
        self.start_urls = [start]
        self.allowed_domains = [host]
        # Restrict to the exact scheme://host:port of the start URL. (LinkExtractor's
        # allow_domains compares against host:port, so it is not used; the offsite
        # middleware checks the host via allowed_domains.)
        prefix = "%s://%s/" % (parts.scheme, netloc)
        self.rules = (
            Rule(
                LinkExtractor(unique=True),
                callback="parse_page",
                follow=True,
                process_links=lambda links: [l for l in links if l.url.startswith(prefix)],
            ),
        )
        super().__init__(*args, **kwargs)   # compiles self.rules

    def start_requests(self):
        # Scrapy's default start requests use dont_filter=True, so the start URL
        # never enters the dupefilter and a later link to it is fetched again.
        # Going through the dupefilter fetches every page exactly once.
        for url in self.start_urls:
            yield Request(url, dont_filter=False)

    def parse_start_url(self, response, **kwargs):
        return self.parse_page(response)

    def parse_page(self, response):
        yield {
            "url": response.url,
            "title": response.css("title::text").get(),
        }
