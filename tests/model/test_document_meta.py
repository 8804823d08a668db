"""What a document states about itself becomes a new source's title, author and date, with the
words that state it; nothing the text does not state is filled in."""

from timeline_app.model.document_meta import document_meta


def test_a_published_line_gives_the_date_in_edtf_with_its_words():
    text = "Truth, Inspiration, Hope.\n\nA Headline\n\nJonathan Walker\nPublished: January 28, 2022\nBody."
    meta = document_meta(text)
    assert meta.published is not None
    assert meta.published.value == "2022-01-28"
    assert meta.published.evidence == "Published: January 28, 2022"
    # the first lines are a masthead and a headline, but nothing labels them: not guessed
    assert meta.title is None and meta.author is None


def test_markdown_heading_and_by_line_give_title_and_author():
    text = "\n\n## A QUEST FOR A STRATEGY\n\nBY HIDESHI TOKUCHI\n\n*Hideshi Tokuchi is a professor.*\n"
    meta = document_meta(text)
    assert meta.title is not None and meta.title.value == "A QUEST FOR A STRATEGY"
    assert meta.author is not None and meta.author.value == "HIDESHI TOKUCHI"
    assert meta.published is None


def test_labelled_lines_in_any_case():
    meta = document_meta("Title: The Report\nAuthor: A. Writer\nDate: spring 2023\n\nText.")
    assert (meta.title.value, meta.author.value, meta.published.value) == (
        "The Report",
        "A. Writer",
        "2023-21",
    )
    assert "Author found in the document: \u201cAuthor: A. Writer\u201d" in meta.note()


def test_an_unreadable_date_is_left_out_not_guessed():
    meta = document_meta("Published: sometime last week\n")
    assert meta.published is None


def test_html_title_meta_author_and_published_time():
    page = (
        "<!DOCTYPE html><html><head><title>Bridge &amp; Road</title>"
        '<meta name="author" content="B. Critic">'
        '<meta property="article:published_time" content="2021-05-21T08:00:00Z">'
        "</head><body><p>By Somebody Else</p></body></html>"
    )
    meta = document_meta(page)
    assert meta.title.value == "Bridge & Road"
    assert meta.author.value == "B. Critic"
    assert meta.published.value == "2021-05-21"
    assert meta.published.evidence.startswith("<meta property=")


def test_a_by_line_deep_in_the_text_is_not_the_author():
    text = "\n".join(["Some line of text."] * 80 + ["By the river there was a house"])
    assert document_meta(text).author is None
