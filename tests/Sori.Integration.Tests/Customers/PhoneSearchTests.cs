using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Customers;
using Sori.Core.Data;
using Sori.Core.Tickets;
using Sori.Testing;

namespace Sori.Integration.Tests.Customers;

public sealed class PhoneSearchTests_Sqlite(SqliteDatabase db) : PhoneSearchTests(db), IClassFixture<SqliteDatabase>;
public sealed class PhoneSearchTests_Postgres(PostgresDatabase db) : PhoneSearchTests(db), IClassFixture<PostgresDatabase>;

/// <summary>A customer is found by phone however the number was written when stored and when searched.</summary>
public abstract class PhoneSearchTests(TestDatabase database) : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    // A number of this run only: 010-XXXX-YYYY, so tests sharing the class database never see each other's customers.
    private readonly string _mid = Random.Shared.Next(2000, 10000).ToString();
    private readonly string _end = Random.Shared.Next(1000, 10000).ToString();
    private string Mobile => $"010-{_mid}-{_end}";

    public Task InitializeAsync()
    {
        _services = database.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> Run<T, TService>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<Customer> Customer(string name, params string[] phones) =>
        Run<Customer, CreateCustomer>(c => c.Handle(new CreateCustomerRequest(name, Phones: phones), default));

    private async Task<List<long>> Search(string q) =>
        (await Run<Page<CustomerView>, CustomerQueries>(c => c.List(q, null, 50, null, default))).Items.Select(c => c.Id).ToList();

    [Fact]
    public async Task Search_AnyWritingOfTheNumber_FindsCustomersStoredInAnyWriting()
    {
        var writings = new[] { Mobile, $"010{_mid}{_end}", $"+82 10 {_mid} {_end}", $"+82-10-{_mid}-{_end}" };
        var customers = new List<long>();
        foreach (var (w, i) in writings.Select((w, i) => (w, i))) customers.Add((await Customer($"고객{i}", w)).Id);
        await Customer("다른 번호", $"010-{_end}-{_mid}");

        foreach (var query in writings.Append($"+82 (0)10 {_mid} {_end}").Append($"010.{_mid}.{_end}"))
            Assert.Equal(customers.OrderDescending(), await Search(query));
        // The number is shown as it was typed.
        var shown = await Run<CustomerView, CustomerQueries>(q => q.Get(customers[2], default));
        Assert.Equal([$"+82 10 {_mid} {_end}"], shown.Phones);
    }

    [Fact]
    public async Task Search_PartOfTheNumber_FindsIt_FromEitherEnd()
    {
        var c = await Customer("부분 검색", $"+82 10 {_mid} {_end}");

        Assert.Contains(c.Id, await Search($"{_mid}-{_end}"));
        Assert.Contains(c.Id, await Search($"010-{_mid}"));
        Assert.Contains(c.Id, await Search($"{_mid}{_end}"));
        Assert.DoesNotContain(c.Id, await Search($"011-{_mid}-{_end}"));
    }

    [Fact]
    public async Task OneNumberWrittenTwice_IsStoredOnce_AndAnEditKeepsTheNewWriting()
    {
        var c = await Customer("중복 번호", Mobile, $"+82 10 {_mid} {_end}");
        Assert.Equal([Mobile], c.Phones.Select(p => p.Number));

        var updated = await Run<Customer, UpdateCustomer>(u => u.Handle(c.Id, new UpdateCustomerRequest { Phones = [$"010 {_mid} {_end}", "02-123-4567"] }, default));
        Assert.Equal([$"010 {_mid} {_end}", "02-123-4567"], updated.Phones.Select(p => p.Number).Order());
        Assert.Contains(c.Id, await Search("+82 2 123 4567"));
    }

    [Fact]
    public async Task TicketFromAPhoneOnly_FindsTheCustomerWhateverTheWriting()
    {
        var c = await Customer("전화 고객", Mobile);
        var ticket = await Run<Ticket, CreateTicket>(t => t.Handle(
            new CreateTicketRequest("전화 문의", "배송 문의드립니다", null, new RequesterInput(null, null, null, $"+82-10-{_mid}-{_end}", null)), Actor.System, default));
        Assert.Equal(c.Id, ticket.RequesterId);
    }

    [Fact]
    public async Task Merge_DropsTheDuplicatesNumber_WhenTheTargetHasItInAnotherWriting()
    {
        var target = await Customer("대상", Mobile);
        var duplicate = await Customer("중복", $"+82 10 {_mid} {_end}", "031-123-4567");

        var preview = await Run<CustomerMergePreview, PreviewCustomerMerge>(p => p.Handle(duplicate.Id, target.Id, default));
        Assert.Equal(["031-123-4567"], preview.PhonesMoving);
        var merged = await Run<Customer, MergeCustomers>(m => m.Handle(duplicate.Id, new MergeCustomersRequest(target.Id), default));
        Assert.Equal([Mobile, "031-123-4567"], merged.Phones.Select(p => p.Number).Order());
    }

    [Fact]
    public async Task PhonesStoredBeforeKeys_GetThemFromTheBackfill_AndAreFound()
    {
        var c = await Customer("예전 고객", Mobile);
        await using (var scope = _services.CreateAsyncScope())
        {
            // As a row written before the key existed: the migration leaves it empty.
            var db = scope.ServiceProvider.GetRequiredService<SoriDbContext>();
            await db.CustomerPhones.Where(p => p.CustomerId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Normalized, ""));
        }
        Assert.DoesNotContain(c.Id, await Search($"+82 10 {_mid} {_end}"));

        Assert.True(await Run<int, BackfillPhoneKeys>(b => b.Handle(default)) >= 1);
        Assert.Contains(c.Id, await Search($"+82 10 {_mid} {_end}"));
        Assert.Equal(0, await Run<int, BackfillPhoneKeys>(b => b.Handle(default)));
    }

    [Theory]
    [InlineData("010-1234-5678 내선 9")]
    [InlineData("--")]
    [InlineData("<b>010</b>")]
    public async Task NotAPhoneNumber_IsRefusedNamingTheField(string phone)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Customer("잘못된 번호", phone));
        Assert.Contains("phones", e.Errors.Keys);
    }
}
