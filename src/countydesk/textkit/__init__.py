"""Chinese text toolkit (文本工具) for CountyDesk: segmentation, summaries,
data-freshness and completeness checks, near-duplicate detection, casualty figures.

Pure Python on top of rjieba; imports nothing from Django or the rest of
CountyDesk, so it can run in workers, scripts and benchmarks alike.
"""
from .casualties import Casualties, read_casualties
from .completeness import LABELS, CompletenessResult, check_completeness
from .freshness import DEFAULT_RULE, FreshnessResult, FreshnessRule, check_freshness
from .neardup import NearDupIndex, cluster, fingerprint, hamming, similarity
from .segment import add_places, add_units, add_words, keywords, search_tokens, sentences, words
from .summarize import summarize
from .timewords import Period, find_figures

__all__ = [
    "DEFAULT_RULE",
    "LABELS",
    "Casualties",
    "CompletenessResult",
    "FreshnessResult",
    "FreshnessRule",
    "NearDupIndex",
    "Period",
    "add_places",
    "add_units",
    "add_words",
    "check_completeness",
    "check_freshness",
    "cluster",
    "find_figures",
    "fingerprint",
    "hamming",
    "keywords",
    "read_casualties",
    "search_tokens",
    "sentences",
    "similarity",
    "summarize",
    "words",
]
