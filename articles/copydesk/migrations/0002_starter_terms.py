"""A starter term list, from Xinhua's published list of forbidden and careful words.

Source: 《新华社新闻信息报道中的禁用词和慎用词》(2016年7月修订), which keeps the 45 items
of its first batch, 《新华社新闻报道中的禁用词（第一批）》 (《新闻阅评动态》第315期,
November 2015), and adds 57. Every entry here is a word the list itself names, with the
form it gives where it gives one; the note says the list's rule in short. Read from the
first batch's text as reprinted, e.g. www.2263.com.cn/article/834.html, and for the 2016
additions used here (老板, 前苏联, “一带一路”战略, and 亲自 made a careful word, 慎用)
from reports of the revision's publication, e.g.
www.bannednews.org/2017/07/blog-post_389.html and m.91jjgao.com/show-67-147225-0.html.

Rows are added only where the term is not in the list yet, so staff edits survive a
re-run; going back leaves the rows (staff may have edited them since).
"""

from django.db import migrations

SOURCE = "（新华社《禁用词和慎用词》）"

FORBIDDEN, REPLACE, CAUTION = "forbidden", "replace", "caution"

DISABILITY = "对有身体伤疾的人士不使用蔑称"
ARTISTS = "对文艺界人士不使用，可用“文艺界人士”或“著名演员”“著名艺术家”等"
SLANG = "不使用俚语、脏话、黑话及其网络缩略语"
ETHNIC_NAMES = "不使用旧社会流传的带有污辱性的民族称呼"
SHORT_NAMES = "民族名称不能随意简称"

# (term, kind, replacement, the list's rule)
STARTER_TERMS = [
    # The first batch. 一、社会生活类
    ("残废人", FORBIDDEN, "残疾人", DISABILITY),
    ("独眼龙", FORBIDDEN, "", DISABILITY),
    ("瞎子", FORBIDDEN, "盲人", DISABILITY),
    ("聋子", FORBIDDEN, "聋人", DISABILITY),
    ("傻子", FORBIDDEN, "", DISABILITY),
    ("呆子", FORBIDDEN, "", DISABILITY),
    ("弱智", FORBIDDEN, "智力障碍者", DISABILITY),
    ("影帝", FORBIDDEN, "", ARTISTS),
    ("影后", FORBIDDEN, "", ARTISTS),
    ("巨星", FORBIDDEN, "", ARTISTS),
    ("天王", FORBIDDEN, "", ARTISTS),
    ("亲自", CAUTION, "", "对各级领导同志的活动报道慎用“亲自”"),
    ("哇噻", FORBIDDEN, "", SLANG),
    ("TMD", FORBIDDEN, "", SLANG),
    # 二、法律类
    ("罪犯", CAUTION, "犯罪嫌疑人", "对刑事案件当事人，在法院宣判有罪之前不使用“罪犯”"),
    (
        "全国人大副委员长",
        REPLACE,
        "全国人大常委会副委员长",
        "不将“全国人大常委会副委员长”称作“全国人大副委员长”",
    ),
    ("省人大副主任", REPLACE, "省人大常委会副主任", "不将“省人大常委会副主任”称作“省人大副主任”"),
    ("人大常委", REPLACE, "人大常委会委员", "各级人大常委会的委员，不要称作“人大常委”"),
    ("村长", REPLACE, "村主任", "“村民委员会主任”简称“村主任”，不得称“村长”"),
    ("村官", REPLACE, "村干部", "村干部不要称作“村官”"),
    ("检察院院长", REPLACE, "检察长", "各级检察院的“检察长”不要写成“检察院院长”"),
    ("工人小偷", FORBIDDEN, "小偷", "指称“小偷”“强奸犯”等时，不要使用其社会身份作前缀"),
    # 三、民族宗教类
    ("回回", FORBIDDEN, "回族", ETHNIC_NAMES),
    ("蛮子", FORBIDDEN, "", ETHNIC_NAMES),
    ("蒙族", REPLACE, "蒙古族", SHORT_NAMES),
    ("维族", REPLACE, "维吾尔族", SHORT_NAMES),
    ("蒙古大夫", FORBIDDEN, "庸医", "禁用口头语言或专业用语中含有民族名称的污辱性说法"),
    # 四、涉及我领土、主权和港澳台
    ("两岸三地", FORBIDDEN, "", "不得将海峡两岸和香港并称为“两岸三地”"),
    ("福摩萨", FORBIDDEN, "台湾", "不得将台湾称为“福摩萨”，转述时一定要加引号"),
    ("斯普拉特利群岛", REPLACE, "南沙群岛", "南沙群岛不得称为“斯普拉特利群岛”"),
    ("尖阁群岛", REPLACE, "钓鱼岛", "钓鱼岛不得称为“尖阁群岛”"),
    ("东突厥斯坦", FORBIDDEN, "新疆", "严禁将新疆称为“东突厥斯坦”"),
    # 五、国际关系类
    ("北朝鲜", REPLACE, "朝鲜", "不得使用“北朝鲜”来称呼“朝鲜民主主义人民共和国”"),
    ("穆斯林国家", REPLACE, "伊斯兰国家", "不使用“穆斯林国家”"),
    ("穆斯林世界", REPLACE, "伊斯兰世界", "不使用“穆斯林世界”"),
    ("黑非洲", REPLACE, "撒哈拉沙漠以南的非洲", "不要将撒哈拉沙漠以南的地区称“黑非洲”"),
    ("击毙", CAUTION, "打死", "报道国际战争中双方战斗人员死亡，不要使用“击毙”"),
    # Added by the 2016 revision. 老板 is fine for a shop's owner, so only a careful word.
    ("老板", CAUTION, "", "对国内领导干部和国有企业负责人不使用“老板”"),
    ("前苏联", REPLACE, "苏联", "不使用“前苏联”"),
    ("“一带一路”战略", REPLACE, "“一带一路”倡议", "不使用“一带一路”战略的提法"),
]


def add_starter_terms(apps, schema_editor) -> None:
    Term = apps.get_model("copydesk", "Term")
    for term, kind, replacement, rule in STARTER_TERMS:
        Term.objects.get_or_create(
            term=term,
            defaults={"kind": kind, "replacement": replacement, "note": rule + SOURCE},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("copydesk", "0001_terms_and_story_checks"),
    ]

    operations = [
        migrations.RunPython(add_starter_terms, migrations.RunPython.noop),
    ]
