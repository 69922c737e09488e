"""The kit's widgets: the side-by-side reader, explorers, exercises and the journal.

Each widget is a view (``ipywidgets.VBox``) over a model (traitlets) that holds the
logic, so tests drive the models without a browser. Every widget also has a static
HTML form (``static_html(widget)``) shown where widgets are not live. The public names
are listed in ``__all__`` (and, for lesson writers, in the kit's widgets API note)::

    from helpers import load_case
    from helpers.widgets import SideBySideReader
    SideBySideReader(load_case("rostec-venezuela-2019"), left="breitbart", right="hannity")
"""
from .exercises import (MultipleChoice, MultipleChoiceModel, Reflection, ReflectionModel, Rewrite, RewriteModel,
                        SpotIt, SpotItModel)
from .explorers import NumbersExplorer, NumbersModel, SourceChainExplorer, SourceChainModel
from .findings import LENS_VIEWS, SOURCES, Finding, FindingsIndex, compare_findings
from .journal import Journal, default_journal, download_journal, export_journal, journal_home, journal_markdown
from .own_story import OwnStory, OwnStoryModel
from .reader import CompactModel, CompactReader, ReaderModel, SideBySideReader, report_labels
from .static import save_handout, static_html

__all__ = [
    "CompactModel", "CompactReader", "Finding", "FindingsIndex", "Journal", "LENS_VIEWS", "MultipleChoice",
    "MultipleChoiceModel", "NumbersExplorer", "NumbersModel", "OwnStory", "OwnStoryModel", "ReaderModel", "Reflection", "ReflectionModel",
    "Rewrite", "RewriteModel", "SOURCES", "SideBySideReader", "SourceChainExplorer", "SourceChainModel",
    "SpotIt", "SpotItModel", "compare_findings", "default_journal", "download_journal", "export_journal", "journal_home", "journal_markdown",
    "report_labels", "save_handout", "static_html",
]
