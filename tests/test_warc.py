"""WARC files (written here with warcio's WARCWriter) as corpora: HTML responses become articles."""

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsbook.corpus import CorpusError, load_corpus

ASTANA = "Kazakhstan and China signed a trade agreement in Astana on Monday, officials said."
MOSCOW = "Russia's central bank raised its key rate again, the bank said in Moscow on Friday."


def page(title, sentence, published=None):
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (f"<html><head><title>{title} | Example News</title>{meta}</head><body>"
            "<nav>Home | World | Sport</nav><article><h1>" + title + "</h1>"
            + "".join(f"<p>{sentence} Paragraph {i} gives the reader more of the story.</p>" for i in range(5))
            + "</article><footer>Subscribe to our newsletter</footer></body></html>").encode("utf-8")


def write_warc(path, gz=True):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url, body, content_type="text/html; charset=utf-8", status="200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": "2024-12-05T08:00:00Z"}))
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))

        response("https://news.example/astana-deal", page("Deal in Astana", ASTANA, "2024-12-02T10:00:00+05:00"))
        response("https://news.example/rates", page("Rates rise", MOSCOW))
        response("https://news.example/logo.png", b"\x89PNG....", content_type="image/png")
        response("https://news.example/gone", page("Gone", ASTANA), status="404 Not Found")
        response("https://news.example/empty", b"<html><head><script>var a = 1;</script></head><body></body></html>")


@pytest.mark.parametrize("name,gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_html_responses_become_articles_and_other_records_are_counted(tmp_path, name, gz):
    path = tmp_path / name
    write_warc(path, gz)
    corpus = load_corpus(path)
    assert [a.doc_id for a in corpus] == ["https://news.example/astana-deal", "https://news.example/rates"]
    deal, rates = corpus.articles
    assert "Paragraph 4 gives the reader" in deal.text and "Subscribe" not in deal.text
    assert (deal.get("title"), deal.get("published"), deal.get("url")) == \
        ("Deal in Astana", "2024-12-02", "https://news.example/astana-deal")
    assert deal.get("crawled") == "2024-12-05"
    assert rates.get("published") == ""  # no date of its own: the crawl date is not a publication date
    assert rates.get("outlet") == "news.example"
    skipped = sorted(p.message for p in corpus.problems if p.where == name)
    assert skipped == ["1 record(s) skipped: HTML page with no main text",
                       "1 record(s) skipped: HTTP status 404",
                       "1 record(s) skipped: not HTML (image/png)",
                       "1 record(s) skipped: warcinfo record",
                       "5 record(s) skipped: request record"]
    source = corpus.sources[0]
    assert (source.format, source.read, source.articles) == ("warc", 11, 2)


def test_truncated_warc_gz_keeps_the_pages_before_the_damage(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    corpus = load_corpus(cut)
    assert [a.doc_id for a in corpus][:1] == ["https://news.example/astana-deal"]
    assert any(p.where == "cut.warc.gz" and "damaged or truncated" in p.message for p in corpus.problems)


def test_a_file_that_is_no_warc_is_refused_clearly(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("these are my notes, not a web archive\n" * 5)
    with pytest.raises(CorpusError, match="notes.warc: is not a readable WARC file"):
        load_corpus(path)
