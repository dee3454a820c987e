"""newsledger: a sourced ledger of news on conflict and diplomacy."""

__version__ = "0.1.0"

from newsledger.api import check_article, check_file, load_one, show_article  # noqa: E402
from newsledger.ingest import ArticleDefaults, ReadOptions, ingest, read_articles  # noqa: E402
from newsledger.nlp.analyze import analyze_ledger, analyze_texts  # noqa: E402
from newsledger.records import Analysis, Article, Mention, Sentence  # noqa: E402
from newsledger.store import Ledger  # noqa: E402

__all__ = [
    "Analysis",
    "Article",
    "ArticleDefaults",
    "Ledger",
    "Mention",
    "ReadOptions",
    "Sentence",
    "__version__",
    "analyze_ledger",
    "analyze_texts",
    "check_article",
    "check_file",
    "ingest",
    "load_one",
    "read_articles",
    "show_article",
]
