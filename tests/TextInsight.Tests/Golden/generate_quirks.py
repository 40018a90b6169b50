#!/usr/bin/python3
"""Records python jieba 0.42.1's output for the quirk and user-dictionary cases in quirks.tsv.
Run with Debian's python3-jieba (../shared/peers/setup.sh installs it):
    /usr/bin/python3 tests/TextInsight.Tests/Golden/generate_quirks.py > tests/TextInsight.Tests/Golden/quirks.tsv
Each output line: case<TAB>mode<TAB>input (JSON)<TAB>tokens (JSON list). The C# tests replay the same
calls (including dictionary edits, applied in file order per section) and compare token for token."""
import json, sys, jieba
jieba.setLogLevel(60)
assert jieba.__version__ == "0.42.1", jieba.__version__

def cuts(t):
    return {"hmm": jieba.lcut(t), "nohmm": jieba.lcut(t, HMM=False), "all": jieba.lcut(t, cut_all=True),
            "search": jieba.lcut_for_search(t), "searchnohmm": jieba.lcut_for_search(t, HMM=False)}

def emit(case, text):
    for mode, toks in cuts(text).items():
        print("\t".join([case, mode, json.dumps(text, ensure_ascii=False), json.dumps(toks, ensure_ascii=False)]))

# Quirks on the default dictionary.
cases = {
    "empty": "", "space": " ", "spaces": "a  b", "crlf": "第一行\r\n第二行\r三\n四",
    "python-space": "前\u3000后\x1c中\x1d间\x1e词\x1f尾\u2028行",
    "zero-width": "北京\u200b欢迎你", "nbsp": "上海\xa0浦东",
    "emoji": "我爱😀北京🇨🇳天安门", "mixed": "iPhone12发布会在A市B3区召开，价格5999元，涨幅3.5%。",
    "decimal-hmm": "增长了12.5%左右和3.aa", "punct-only": "！？。，、…—",
    "digits-only": "1234567890", "fullwidth": "ＡＢＣ１２３全角",
    "symbols-in-block": "C++和C#以及a-b_c&d.e", "hyphen": "2020-05-01至2020-06-01",
    "buffer-rule": "他来到了网易杭研大厦", "hmm-unknown": "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "search": "小明硕士毕业于中国科学院计算所", "eng-glue": "ab cd efg h1 2b 测试abc123def",
    "traditional": "臺灣的電腦軟體", "long-han": "中华人民共和国国务院办公厅关于进一步加强城市规划建设管理工作的若干意见",
    "html": "<p>小区&nbsp;物业</p>", "control": "物业\x00费\x07用\t收取",
}
for name, text in cases.items():
    emit(name, text)

# User dictionary operations, applied in this order to the default dictionary.
print("\t".join(["#edit", "add_word", json.dumps(["石墨烯", None, None]), "[]"]))
jieba.add_word("石墨烯")
emit("after-add", "石墨烯是一种材料")
print("\t".join(["#edit", "add_word", json.dumps(["凱特琳", 5, "nz"]), "[]"]))
jieba.add_word("凱特琳", 5, "nz")
emit("after-add-freq", "凱特琳說")
print("\t".join(["#edit", "del_word", json.dumps(["自定义词"]), "[]"]))
jieba.del_word("自定义词")
print("\t".join(["#edit", "del_word", json.dumps(["中将"]), "[]"]))
jieba.del_word("中将")
emit("after-del", "如果放到post中将出错。")
f = jieba.suggest_freq(("中", "将"), True)
print("\t".join(["#edit", "suggest_split", json.dumps(["中", "将"]), json.dumps(f)]))
emit("after-suggest-split", "如果放到旧字典中将出错。")
f = jieba.suggest_freq("台中", True)
print("\t".join(["#edit", "suggest_join", json.dumps(["台中"]), json.dumps(f)]))
emit("after-suggest-join", "「台中」正确应该不会被切开")
print("\t".join(["#edit", "del_word", json.dumps(["北京大学"]), "[]"]))
jieba.del_word("北京大学")
emit("after-del-hmm", "我在北京大学读书")
import io
ud = "云计算 5\n创新办 3 i\n凱特琳 nz\n韩玉赏鉴\n台中\n\ufeff江大桥 20000\nmulti word x 7 n\n"
print("\t".join(["#edit", "load_userdict", json.dumps([ud]), "[]"]))
jieba.load_userdict(io.BytesIO(ud.encode("utf-8")))
emit("after-userdict", "李小福是创新办主任也是云计算方面的专家; 什么是八一双鹿例如我输入一个带“韩玉赏鉴”的标题，在自定义词库中也增加了此词为N类型")
emit("after-userdict2", "江州市长江大桥参加了长江大桥的通车仪式")
for w in ["石墨烯", "凱特琳", "中将", "台中", "云计算", "创新办", "江大桥", "multi word x", "北京大学", "北京大", "不存在的词"]:
    print("\t".join(["#freq", w, json.dumps(jieba.get_FREQ(w)), json.dumps(jieba.user_word_tag_tab.get(w))]))
