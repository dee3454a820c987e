"""newsledger: a sourced ledger of news on conflict and diplomacy."""

__version__ = "0.1.0"

from newsledger.api import check_article, check_file, load_one, show_article
from newsledger.ingest import ArticleDefaults, ReadOptions, ingest, read_articles
from newsledger.nlp.analyze import analyze_ledger, analyze_texts
from newsledger.records import Analysis, Article, Mention, Sentence
from newsledger.store import Ledger

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
