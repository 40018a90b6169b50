using TextInsight.Grouping;

namespace TextInsight.Tests.Grouping;

/// <summary>Cities and districts named in openings, coded (anonymised data) or real, and when two messages conflict.</summary>
public sealed class AdminAreasTests
{
    [Theory]
    [InlineData("A市地铁3号线何时开通", "G市交管12123为什么没有投诉窗口", 1f, 0f)]          // two cities
    [InlineData("A市丽发新城旁建搅拌站", "A2区丽发新城附近搅拌站扰民", 0f, 0f)]             // the city and one of its districts
    [InlineData("A3区麓山南路红绿灯故障", "A1区麓山南路红绿灯损坏", 0f, 1f)]                // one city, two districts
    [InlineData("B9市农村居民养老保险补缴", "B9市农村户口一次性补缴养老保险", 0f, 0f)]      // a coded county-level city is a district of B
    [InlineData("深圳市南山区科技园停车难", "深圳市福田区华强北停车难", 0f, 1f)]             // real names, tagged ns by jieba
    [InlineData("长沙市的公交卡", "株洲市的公交卡", 1f, 0f)]
    [InlineData("小区门口的市场", "社区和开发区", 0f, 0f)]                                   // kinds of area name no district
    public void Conflicts_follow_the_named_cities_and_districts(string a, string b, float city, float district)
    {
        (ulong[] citiesA, ulong[] districtsA) = Areas(a);
        (ulong[] citiesB, ulong[] districtsB) = Areas(b);
        Assert.Equal(city, AdminAreas.Conflict(citiesA, citiesB));
        Assert.Equal(district, AdminAreas.Conflict(districtsA, districtsB));
        Assert.Equal(0f, AdminAreas.Conflict(citiesA, citiesA));
        Assert.Equal(0f, AdminAreas.Conflict(districtsB, []));
    }

    [Fact]
    public void Only_the_opening_is_read()
    {
        string opening = "反映A7县星沙的问题";
        string text = opening + "，此前在G市也反映过";
        (ulong[] cities, _) = AdminAreas.Find(opening, SameIssueModel.Tagger.Tag(text));
        Assert.Single(cities);
    }

    private static (ulong[] Cities, ulong[] Districts) Areas(string text) => AdminAreas.Find(text, SameIssueModel.Tagger.Tag(text));
}
