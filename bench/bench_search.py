"""Full-text search at 200,000 documents (issue 4): p50/p99 of the index against a LIKE scan in the
same run, and indexing throughput. `python -m bench.bench_search` (DATABASE_URL for PostgreSQL)."""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.harness import emit, progress, scratch_database  # noqa: E402

DOCS = int(os.environ.get("BENCH_SEARCH_DOCS", 200_000))
TOWNS = ["城关镇", "青山镇", "白沙镇", "桃源乡", "石门镇", "龙潭乡", "杨柳镇", "河口镇", "东岭乡", "西坪乡"]
TOPICS = ["防汛物资储备", "森林防火巡查", "春耕备耕生产", "安全生产检查", "食品安全抽检", "道路交通整治",
          "地质灾害排查", "农村饮水安全", "秸秆禁烧宣传", "疫情防控演练", "招商引资项目", "民生实事推进"]
VERBS = ["组织开展", "召开会议部署", "扎实推进", "全面完成", "专项督查"]
WORDS = ["冲锋舟", "救生衣", "帐篷", "发电机", "巡护员", "网格员", "隐患点", "化肥", "种子", "饮用水", "监测点", "志愿者"]


# A vocabulary of 3,000 two-character place and project words, so that a word appears in a
# fraction of a percent of the documents, as names of villages, roads and projects do.
_POOL = "安宝北碧昌长朝城川春大德东丰凤福港高广桂和河红湖华怀黄吉佳江金锦靖康兰乐黎莲良林临龙隆茂梅民明南宁平浦齐青庆泉仁荣瑞山尚石寿双顺松泰桃天铜万旺文西溪祥新兴秀阳永玉源云泽长正中竹"


def _vocabulary(rng) -> list[str]:
    words = set()
    while len(words) < 3000:
        words.add(rng.choice(_POOL) + rng.choice(_POOL))
    return sorted(words)


def _document(rng: random.Random, i: int, vocabulary: list[str]) -> tuple[str, str]:
    town, topic = rng.choice(TOWNS), rng.choice(TOPICS)
    places = rng.sample(vocabulary, 3)
    body = (f"{town}{places[0]}村{rng.choice(VERBS)}{topic}工作，在{places[1]}路沿线投入{rng.choice(WORDS)}"
            f"{rng.randint(2, 900)}个，出动{rng.choice(WORDS)}{rng.randint(10, 500)}人次，"
            f"排查{places[2]}片区{rng.choice(WORDS)}{rng.randint(1, 80)}处。编号{i}。")
    return f"{town}{topic}", body


def _setup():
    tmp = tempfile.mkdtemp(prefix="countydesk-bench-search-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "countydesk.settings")
    os.environ["COUNTYDESK_VAR"] = tmp
    if os.environ.get("DATABASE_URL"):  # a fresh database, with the rows the migrations put there
        os.environ["DATABASE_URL"] = scratch_database(os.environ["DATABASE_URL"], "bench_search")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(rng, vocabulary) -> float:
    from django.db import transaction

    from countydesk.search import backends
    from countydesk.search.models import SearchDocument
    from countydesk.search.services import _normalised
    from countydesk.textkit import search_tokens

    started = time.perf_counter()
    chars = 0
    with transaction.atomic():
        for lo in range(0, DOCS, 10_000):
            batch = []
            for i in range(lo, min(DOCS, lo + 10_000)):
                title, body = _document(rng, i, vocabulary)
                chars += len(title) + len(body)
                batch.append(SearchDocument(kind="note", object_id=str(i), title=title, body=body,
                                            tokens=_normalised(search_tokens(f"{title}\n{body}"))))
            SearchDocument.objects.bulk_create(batch)
            progress(f"indexed {lo + len(batch):,}/{DOCS:,}")
        backends.rebuild()
    seconds = time.perf_counter() - started
    return chars / seconds


def _time(fn, queries) -> list[float]:
    samples = []
    for q in queries:
        started = time.perf_counter()
        fn(q)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _p(samples, q):
    return statistics.quantiles(samples, n=100)[q - 1] if len(samples) > 2 else max(samples)


def main():
    _setup()
    from django.db import connection
    from django.db.models import Q

    from countydesk.accounts.system import SYSTEM
    from countydesk.search.models import SearchDocument
    from countydesk.search.services import search

    label = connection.vendor
    rng = random.Random(7)
    vocabulary = _vocabulary(rng)
    throughput = _fill(rng, vocabulary)
    emit(f"search-{label}", "indexing_throughput", throughput, "chars/s", None, None, docs=DOCS)
    queries = [rng.choice(vocabulary) for _ in range(300)]
    for q in queries[:20]:  # warm caches
        search(SYSTEM, q)
    progress("timing 300 index queries and 20 LIKE scans …")
    fts = _time(lambda q: search(SYSTEM, q, limit=20), queries)
    # The baseline answers the same question without an index: every document holding the word.
    like = _time(lambda q: list(SearchDocument.objects.filter(Q(title__contains=q) | Q(body__contains=q))
                                .order_by("-id").values_list("id", flat=True)), queries[:20])
    p50, p99, like50, like99 = _p(fts, 50), _p(fts, 99), _p(like, 50), _p(like, 99)
    emit(f"search-{label}", "query_p50", p50, "ms", like50, like50 / p50, docs=DOCS, baseline_is="LIKE scan p50")
    emit(f"search-{label}", "query_p99", p99, "ms", like99, like99 / p99, docs=DOCS, baseline_is="LIKE scan p99")


if __name__ == "__main__":
    main()
