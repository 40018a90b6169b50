using TextInsight.Privacy;
using Xunit;

namespace TextInsight.Tests.Privacy;

/// <summary>
/// Positive and negative cases per PII type. Valid ID and card numbers were made with an independent
/// implementation (python: GB 11643 weights, Luhn) and are fictitious.
/// </summary>
public sealed class PiiDetectorTests
{
    [Theory]
    [InlineData("我的电话13812345678，请回电", PiiType.MobilePhone, "13812345678")]
    [InlineData("联系我：138 1234 5678。", PiiType.MobilePhone, "138 1234 5678")]
    [InlineData("手机 139-0000-1111 随时打", PiiType.MobilePhone, "139-0000-1111")]
    [InlineData("号码+86 159 1234 5678", PiiType.MobilePhone, "+86 159 1234 5678")]
    [InlineData("手机号１８６１２３４５６７８谢谢", PiiType.MobilePhone, "１８６１２３４５６７８")]
    [InlineData("来电人：我电话是一三八一二三四五六七八你们记一下", PiiType.MobilePhone, "一三八一二三四五六七八")]
    [InlineData("我手机幺五九零零零零一一一一", PiiType.MobilePhone, "幺五九零零零零一一一一")]
    [InlineData("办公室电话010-62345678转2", PiiType.Landline, "010-62345678")]
    [InlineData("请拨0755 23456789咨询", PiiType.Landline, "0755 23456789")]
    [InlineData("座机是88886666", PiiType.Landline, "88886666")]
    [InlineData("投诉电话0731-88886666一直占线", PiiType.Landline, "0731-88886666")]
    [InlineData("打13812345678一直没人接", PiiType.MobilePhone, "13812345678")]
    [InlineData("身份证号11010519491231002X", PiiType.IdCard, "11010519491231002X")]
    [InlineData("身份证440306199003074513。", PiiType.IdCard, "440306199003074513")]
    [InlineData("证件号码 11010519491231002x 已提交", PiiType.IdCard, "11010519491231002x")]
    [InlineData("工资卡6222020200112345679没收到钱", PiiType.BankCard, "6222020200112345679")]
    [InlineData("卡号 4367 4200 1234 5673", PiiType.BankCard, "4367 4200 1234 5673")]
    [InlineData("车牌粤B12345的渣土车", PiiType.LicencePlate, "粤B12345")]
    [InlineData("京AD12345新能源车占道", PiiType.LicencePlate, "京AD12345")]
    [InlineData("教练车粤B1234学乱停", PiiType.LicencePlate, "粤B1234学")]
    [InlineData("车牌号沪A·8K888", PiiType.LicencePlate, "沪A·8K888")]
    [InlineData("请回复到zhang.san@example.com，谢谢", PiiType.Email, "zhang.san@example.com")]
    [InlineData("邮箱 wang_1988@mail.qq.com.", PiiType.Email, "wang_1988@mail.qq.com")]
    public void Finds_each_type(string text, PiiType type, string expected)
    {
        PiiMatch m = Assert.Single(PiiDetector.Find(text));
        Assert.Equal(type, m.Type);
        Assert.Equal(expected, m.Text);
        Assert.Equal(expected, text.Substring(m.Start, m.Length));
    }

    [Theory]
    [InlineData("订单号110105194912310021请尽快处理")]   // 18 digits, wrong check character: not an ID
    [InlineData("编号440306199013074513")]              // check character right for a different number, month 13
    [InlineData("流水号6222020200112345671")]           // 19 digits failing Luhn: not a card
    [InlineData("退款金额12345678元")]                   // an 8-digit amount without a phone word
    [InlineData("2024年10月1日起执行，共20241001户")]
    [InlineData("请拨打12345市民热线或110报警")]           // public service numbers are not personal
    [InlineData("快递单号SF13812345678到了")]             // glued to letters: a tracking code
    [InlineData("型号ABC13812345678X")]
    [InlineData("一二三四五六七八九十个人都来了")]             // Chinese numerals that are not an 11-digit number
    [InlineData("川ABCDE不是车牌")]                        // no digit
    [InlineData("12812345678不是手机号")]                 // second digit 2: no mobile range
    [InlineData("邮件地址写错了 zhang@example")]          // no top-level domain
    [InlineData("")]
    public void Ignores_lookalikes(string text) =>
        Assert.Empty(PiiDetector.Find(text));

    [Fact]
    public void Finds_several_in_order_and_masks_with_tags()
    {
        const string text = "我叫张三，身份证440306199003074513，手机13812345678，车牌粤B12345，邮箱a@b.cn。";
        PiiMaskResult r = PiiDetector.Mask(text);
        Assert.Equal([PiiType.IdCard, PiiType.MobilePhone, PiiType.LicencePlate, PiiType.Email], r.Matches.Select(m => m.Type));
        Assert.Equal("我叫张三，身份证[ID]，手机[PHONE]，车牌[PLATE]，邮箱[EMAIL]。", r.Text);
    }

    [Fact]
    public void Stars_keep_every_offset()
    {
        const string text = "电话13812345678，卡号6217001234567890122。";
        PiiMaskResult r = PiiDetector.Mask(text, PiiMaskStyle.Stars);
        Assert.Equal(text.Length, r.Text.Length);
        Assert.Equal("电话***********，卡号*******************。", r.Text);
        Assert.Equal([PiiType.MobilePhone, PiiType.BankCard], r.Matches.Select(m => m.Type));
    }

    [Fact]
    public void Two_numbers_split_by_a_space_are_two_matches()
    {
        IReadOnlyList<PiiMatch> found = PiiDetector.Find("联系人 13812345678 15912345678");
        Assert.Equal(["13812345678", "15912345678"], found.Select(m => m.Text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\uD800\uD800138")]
    public void Odd_input_is_safe(string? text)
    {
        PiiMaskResult r = PiiDetector.Mask(text);
        Assert.Empty(r.Matches);
        Assert.Equal(text ?? "", r.Text);
    }

    [Fact]
    public void Id_check_character_is_verified_for_every_last_character()
    {
        // Exactly one of the eleven possible check characters makes a valid number.
        const string body = "32010219851117361";
        int valid = "0123456789X".Count(c => PiiDetector.IsIdNumber(body + c));
        Assert.Equal(1, valid);
        Assert.True(PiiDetector.IsIdNumber(body + "6"));
    }
}
