"""GB/T 38565-2020 应急物资分类及编码: levels 1–3 and a working set of level-4 items, plus the rule defaults.

Codes: level 1 one digit, levels 2–4 two digits each (99 = other), 7 digits for an item.
Each item: (code, name, unit of measure, shelf life in days or None, equipment).
"""

from django.db import migrations

CATEGORIES = [
    ("1", "基本生活保障物资"), ("2", "应急装备及配套物资"), ("3", "工程材料与机械加工设备"),
    ("101", "衣被类"), ("10101", "被服"),
    ("102", "宿营类"), ("10201", "帐篷"), ("10202", "床具"),
    ("103", "食品类"), ("10301", "方便食品"), ("10302", "粮油"),
    ("104", "饮用水类"), ("10401", "饮用水"), ("10402", "净水用品"),
    ("105", "生活用品类"), ("10501", "照明用品"), ("10502", "炊事用品"), ("10503", "卫生用品"),
    ("106", "医疗防疫类"), ("10601", "防疫用品"), ("10602", "急救用品"),
    ("199", "其他基本生活保障物资"), ("19999", "其他"),
    ("201", "抢险救援装备"), ("20101", "水上救援"), ("20102", "破拆救援"), ("20103", "搜索救援"),
    ("202", "消防及森林防火装备"), ("20201", "灭火器材"), ("20202", "消防防护"),
    ("203", "排水及供电装备"), ("20301", "排水设备"), ("20302", "供电照明设备"),
    ("204", "通信及侦察装备"), ("20401", "通信设备"), ("20402", "侦察设备"),
    ("205", "个体防护装备"), ("20501", "个体防护"),
    ("299", "其他应急装备"), ("29999", "其他"),
    ("301", "防汛抗旱物资"), ("30101", "防汛袋类"), ("30102", "防渗反滤材料"), ("30103", "桩材及其他"),
    ("302", "工程材料"), ("30201", "建筑材料"),
    ("303", "工程机械"), ("30301", "土方机械"), ("30302", "起重运输机械"),
    ("304", "机械加工设备"), ("30401", "焊接切割设备"),
    ("399", "其他工程材料与设备"), ("39999", "其他"),
]

ITEMS = [
    ("1010101", "棉被", "床", 1825, False), ("1010102", "毛毯", "床", 1825, False),
    ("1010103", "棉大衣", "件", 1825, False), ("1010104", "雨衣", "件", None, False),
    ("1010105", "睡袋", "个", None, False), ("1010106", "毛巾被", "床", None, False),
    ("1020101", "单帐篷", "顶", None, False), ("1020102", "棉帐篷", "顶", None, False),
    ("1020103", "救灾帐篷（12平方米）", "顶", None, False), ("1020104", "折叠式指挥帐篷", "顶", None, True),
    ("1020201", "折叠床", "张", None, False), ("1020202", "折叠桌椅", "套", None, False),
    ("1020203", "防潮垫", "张", None, False),
    ("1030101", "方便面", "箱", 180, False), ("1030102", "饼干", "箱", 365, False),
    ("1030103", "压缩干粮", "箱", 1095, False), ("1030104", "自热米饭", "箱", 365, False),
    ("1030201", "大米", "千克", 365, False), ("1030202", "面粉", "千克", 270, False),
    ("1030203", "食用油", "升", 540, False),
    ("1040101", "瓶装饮用水", "箱", 540, False), ("1040102", "桶装饮用水", "桶", 180, False),
    ("1040201", "净水片", "盒", 1095, False), ("1040202", "便携式净水器", "台", None, True),
    ("1050101", "应急灯", "个", None, False), ("1050102", "手电筒", "个", None, False),
    ("1050103", "蜡烛", "包", None, False),
    ("1050201", "炉具", "套", None, False), ("1050202", "液化气罐", "个", None, False),
    ("1050301", "洗漱包", "个", 1095, False), ("1050302", "移动厕所", "座", None, True),
    ("1060101", "消毒液", "升", 730, False), ("1060102", "医用口罩", "个", 1095, False),
    ("1060103", "医用防护服", "套", 1095, False),
    ("1060201", "急救包", "个", 1095, False), ("1060202", "担架", "副", None, False),
    ("1999999", "其他基本生活保障物资", "件", None, False),
    ("2010101", "冲锋舟", "艘", None, True), ("2010102", "橡皮艇", "艘", None, True),
    ("2010103", "救生衣", "件", 1825, False), ("2010104", "救生圈", "个", None, False),
    ("2010105", "抛投器", "台", None, True), ("2010106", "舷外机", "台", None, True),
    ("2010201", "液压破拆工具组", "套", None, True), ("2010202", "无齿锯", "台", None, True),
    ("2010301", "生命探测仪", "台", None, True), ("2010302", "救援绳索", "米", None, False),
    ("2020101", "灭火器", "具", 1825, False), ("2020102", "风力灭火机", "台", None, True),
    ("2020103", "二号工具", "把", None, False), ("2020104", "高压细水雾灭火机", "台", None, True),
    ("2020105", "灭火水枪", "支", None, False), ("2020106", "消防水带", "盘", None, False),
    ("2020201", "森林防火服", "套", None, False), ("2020202", "阻燃头盔", "顶", None, False),
    ("2030101", "抽水泵", "台", None, True), ("2030102", "移动泵车", "辆", None, True),
    ("2030201", "发电机", "台", None, True), ("2030202", "移动照明灯塔", "台", None, True),
    ("2040101", "卫星电话", "部", None, True), ("2040102", "对讲机", "部", None, True),
    ("2040103", "便携式应急通信基站", "套", None, True),
    ("2040201", "无人机", "架", None, True),
    ("2050101", "安全帽", "顶", 1095, False), ("2050102", "防化服", "套", 1825, False),
    ("2050103", "正压式空气呼吸器", "具", None, True), ("2050104", "防毒面具", "个", 1825, False),
    ("2999999", "其他应急装备", "台", None, True),
    ("3010101", "编织袋", "条", None, False), ("3010102", "麻袋", "条", None, False),
    ("3010103", "沙袋", "条", None, False), ("3010104", "吨袋", "条", None, False),
    ("3010201", "土工布", "平方米", None, False), ("3010202", "防渗膜", "平方米", None, False),
    ("3010301", "木桩", "根", None, False), ("3010302", "钢管", "米", None, False),
    ("3010303", "铅丝网兜", "个", None, False),
    ("3020101", "水泥", "吨", 90, False), ("3020102", "砂石料", "立方米", None, False),
    ("3020103", "块石", "立方米", None, False),
    ("3030101", "挖掘机", "台", None, True), ("3030102", "装载机", "台", None, True),
    ("3030103", "推土机", "台", None, True),
    ("3030201", "自卸汽车", "辆", None, True), ("3030202", "汽车起重机", "辆", None, True),
    ("3040101", "电焊机", "台", None, True), ("3040102", "切割机", "台", None, True),
    ("3999999", "其他工程材料与设备", "件", None, False),
]

RULES = [("expiry_warning_days", 90)]


def seed(apps, schema_editor):
    Category = apps.get_model("supplies", "Category")
    Item = apps.get_model("supplies", "Item")
    SupplyRule = apps.get_model("supplies", "SupplyRule")
    by_code = {}
    for code, name in CATEGORIES:
        parent = by_code.get(code[:-2]) if len(code) > 1 else None
        by_code[code] = Category.objects.create(code=code, name=name, parent=parent)
    Item.objects.bulk_create([
        Item(code=code, name=name, category=by_code[code[:5]], unit_of_measure=uom, shelf_life_days=life,
             is_equipment=equipment)
        for code, name, uom, life, equipment in ITEMS
    ])
    SupplyRule.objects.bulk_create([SupplyRule(key=key, value=value) for key, value in RULES])


def unseed(apps, schema_editor):
    apps.get_model("supplies", "SupplyRule").objects.all().delete()
    apps.get_model("supplies", "Item").objects.all().delete()
    for category in apps.get_model("supplies", "Category").objects.order_by("-code"):  # children first
        category.delete()


class Migration(migrations.Migration):
    dependencies = [("supplies", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
