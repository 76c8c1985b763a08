from .aggregate import ProvincialNewsPage
from .article import ArticleAttachment, ArticlePage, ArticlePageTag
from .home import HomePage
from .section import SectionPage

__all__ = ["ArticleAttachment", "ArticlePage", "ArticlePageTag", "HomePage", "ProvincialNewsPage", "SectionPage"]
