"""DOMAIN.md defaults for the rule tables; administrators change them in the admin (audited)."""

from django.db import migrations

# 国务院令第493号 第三条 (production-safety accidents), used for every category until a county sets its own:
# (grade, deaths at least, seriously injured at least, direct loss at least in yuan); below Ⅲ is Ⅳ.
GRADES = [(1, 30, 100, 100_000_000), (2, 10, 50, 50_000_000), (3, 3, 10, 10_000_000)]
# (grade, phone minutes, written minutes, remind minutes before): Ⅲ/Ⅳ 30/60, Ⅰ/Ⅱ 15/30 after receipt.
DEADLINES = [(1, 15, 30, 5), (2, 15, 30, 5), (3, 30, 60, 10), (4, 30, 60, 10)]
KEYWORDS = [
    ("山火", "105", 5), ("森林火", "105", 5), ("林地起火", "105", 5), ("草原火", "105", 5), ("山上着火", "105", 4),
    ("洪水", "101", 4), ("内涝", "101", 4), ("积水", "101", 3), ("溃坝", "101", 5), ("干旱", "101", 3),
    ("暴雨", "102", 3), ("冰雹", "102", 3), ("大风", "102", 2), ("雷击", "102", 3), ("暴雪", "102", 3),
    ("地震", "103", 5), ("滑坡", "104", 5), ("泥石流", "104", 5), ("塌方", "104", 4), ("崩塌", "104", 4),
    ("地面塌陷", "104", 4), ("冒顶", "201", 5), ("矿山", "201", 4), ("煤矿", "201", 4), ("井下", "201", 4),
    ("爆炸", "201", 3), ("车祸", "202", 5), ("交通事故", "202", 5), ("相撞", "202", 4), ("追尾", "202", 4),
    ("翻车", "202", 4), ("侧翻", "202", 4), ("停电", "203", 3), ("电梯", "203", 3), ("燃气泄漏", "203", 4),
    ("泄漏", "205", 3), ("污染", "205", 3), ("死鱼", "205", 3), ("着火", "206", 3), ("火灾", "206", 4),
    ("失火", "206", 4), ("浓烟", "206", 2), ("疫情", "301", 4), ("发热", "301", 2), ("食物中毒", "303", 5),
    ("中毒", "303", 3), ("禽流感", "304", 4), ("猪瘟", "304", 4), ("命案", "401", 5), ("持刀", "401", 4),
    ("聚集", "406", 3), ("堵路", "406", 3), ("上访", "406", 3), ("挤兑", "407", 4), ("网络攻击", "408", 4),
]


def seed(apps, schema_editor):
    GradeRule = apps.get_model("incidents", "GradeRule")
    for category in "1234":
        for grade, deaths, injured, loss in GRADES:
            GradeRule.objects.create(category=category, grade=grade, min_deaths=deaths,
                                     min_seriously_injured=injured, min_direct_loss=loss)
    DeadlineRule = apps.get_model("incidents", "DeadlineRule")
    for grade, phone, written, warn in DEADLINES:
        DeadlineRule.objects.create(grade=grade, kind="phone", minutes=phone, warn_minutes=warn)
        DeadlineRule.objects.create(grade=grade, kind="written", minutes=written, warn_minutes=warn)
    KeywordRule = apps.get_model("incidents", "KeywordRule")
    KeywordRule.objects.bulk_create([KeywordRule(keyword=k, type_code=c, weight=w) for k, c, w in KEYWORDS])
    apps.get_model("incidents", "ClusterRule").objects.create(window_minutes=120, distance_m=1000, min_similarity=0.25)
    apps.get_model("incidents", "ThrottleRule").objects.create(window_seconds=3600, max_reports=5)
    apps.get_model("incidents", "ReportRecipient").objects.create(name="市应急管理局值班室", email="zhiban@city.example.gov.cn")


def unseed(apps, schema_editor):
    for name in ("GradeRule", "DeadlineRule", "KeywordRule", "ClusterRule", "ThrottleRule", "ReportRecipient"):
        apps.get_model("incidents", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
