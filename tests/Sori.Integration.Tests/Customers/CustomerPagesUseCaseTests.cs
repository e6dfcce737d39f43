using Microsoft.Extensions.DependencyInjection;
using Sori.Core.Common;
using Sori.Core.Customers;
using Sori.Core.Tickets;
using Sori.Testing;

namespace Sori.Integration.Tests.Customers;

public sealed class CustomerPagesUseCaseTests_Sqlite(SqliteDatabase db) : CustomerPagesUseCaseTests(db), IClassFixture<SqliteDatabase>;
public sealed class CustomerPagesUseCaseTests_Postgres(PostgresDatabase db) : CustomerPagesUseCaseTests(db), IClassFixture<PostgresDatabase>;

/// <summary>What the customer and organization pages ask of the use cases: search, merge preview, an organization's tickets.</summary>
public abstract class CustomerPagesUseCaseTests(TestDatabase database) : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly string _digits = Random.Shared.Next(1000, 10000).ToString();

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

    private Task<Customer> Customer(string name, string? email = null, string? phone = null, long? org = null, string[]? tags = null, string? notes = null) =>
        Run<Customer, CreateCustomer>(c => c.Handle(new CreateCustomerRequest(name, email is null ? null : [email], phone is null ? null : [phone],
            OrganizationId: org, Tags: tags, Notes: notes), default));

    private Task<Ticket> Ticket(long customerId, string subject = "문의") =>
        Run<Ticket, CreateTicket>(c => c.Handle(new CreateTicketRequest(subject, "본문", null, new RequesterInput(customerId, null, null, null, null)),
            Actor.System, default));

    private Task<Page<CustomerView>> Search(string q) => Run<Page<CustomerView>, CustomerQueries>(c => c.List(q, null, 50, null, default));

    [Fact]
    public async Task Search_KoreanNamePart_EmailAndPhone_FindTheCustomer()
    {
        var minji = await Customer($"김민지{_run}", $"minji.{_run}@example.kr", $"010-{_digits}-5678");
        await Customer($"박서준{_run}", $"seojun.{_run}@example.kr");

        Assert.Equal([minji.Id], (await Search($"민지{_run}")).Items.Select(c => c.Id));
        Assert.Equal([minji.Id], (await Search($"MINJI.{_run}")).Items.Select(c => c.Id));
        Assert.Equal([minji.Id], (await Search($"{_digits}-5678")).Items.Select(c => c.Id));
        Assert.Equal(2, (await Search(_run)).Items.Count);
        var markup = await Assert.ThrowsAsync<ValidationException>(() => Search("<script>"));
        Assert.Equal(["q"], markup.Errors.Keys);
    }

    [Fact]
    public async Task PreviewMerge_DescribesWhatMoves_AndMatchesTheMerge()
    {
        var target = await Customer($"김민지{_run}", $"a{_run}@example.kr", "010-1111-2222", tags: ["vip"]);
        var duplicate = await Customer($"김민지 (중복){_run}", $"b{_run}@example.kr", "010-1111-2222", tags: ["vip", "환불"], notes: "전화 선호");
        await Ticket(duplicate.Id);
        await Ticket(duplicate.Id);

        var preview = await Run<CustomerMergePreview, PreviewCustomerMerge>(p => p.Handle(duplicate.Id, target.Id, default));

        Assert.Equal((2, true), (preview.TicketsMoving, preview.NotesCombined));
        Assert.Equal([$"b{_run}@example.kr"], preview.EmailsMoving);
        Assert.Empty(preview.PhonesMoving);
        Assert.Equal(["환불"], preview.TagsAdded);
        var merged = await Run<Customer, MergeCustomers>(m => m.Handle(duplicate.Id, new MergeCustomersRequest(target.Id), default));
        Assert.Equal(2, (await Run<Page<TicketSummary>, ListTickets>(l => l.Handle(new TicketQuery { CustomerId = target.Id }, Actor.System, default))).Items.Count);
        Assert.Equal(["vip", "환불"], merged.Tags.Order());
        await Assert.ThrowsAsync<ConflictException>(() => Run<CustomerMergePreview, PreviewCustomerMerge>(p => p.Handle(duplicate.Id, target.Id, default)));
        await Assert.ThrowsAsync<ConflictException>(() => Run<CustomerMergePreview, PreviewCustomerMerge>(p => p.Handle(target.Id, duplicate.Id, default)));
    }

    [Fact]
    public async Task PreviewMerge_BadTargets_AreRefused()
    {
        var c = await Customer($"이서연{_run}");

        Assert.Equal(["targetId"], (await Assert.ThrowsAsync<ValidationException>(() => Run<CustomerMergePreview, PreviewCustomerMerge>(p => p.Handle(c.Id, c.Id, default)))).Errors.Keys);
        Assert.Equal(["targetId"], (await Assert.ThrowsAsync<ValidationException>(() => Run<CustomerMergePreview, PreviewCustomerMerge>(p => p.Handle(c.Id, null, default)))).Errors.Keys);
        Assert.Equal(["targetId"], (await Assert.ThrowsAsync<ValidationException>(() => Run<CustomerMergePreview, PreviewCustomerMerge>(p => p.Handle(c.Id, 999_999, default)))).Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => Run<CustomerMergePreview, PreviewCustomerMerge>(p => p.Handle(999_999, c.Id, default)));
    }

    [Fact]
    public async Task ListTickets_ByOrganization_ReturnsItsMembersTicketsOnly()
    {
        var org = await Run<Organization, ManageOrganizations>(o => o.Create(new OrganizationRequest($"소리상사{_run}"), default));
        var member = await Customer($"정하은{_run}", org: org.Id);
        var colleague = await Customer($"최민준{_run}", org: org.Id);
        var outsider = await Customer($"외부인{_run}");
        var a = await Ticket(member.Id);
        var b = await Ticket(colleague.Id);
        await Ticket(outsider.Id);

        var tickets = await Run<Page<TicketSummary>, ListTickets>(l => l.Handle(new TicketQuery { OrganizationId = org.Id, Sort = "created" }, Actor.System, default));
        var members = await Run<Page<CustomerView>, CustomerQueries>(q => q.List(null, org.Id, 50, null, default));

        Assert.Equal([a.Id, b.Id], tickets.Items.Select(t => t.Id));
        Assert.Equal([colleague.Id, member.Id], members.Items.Select(c => c.Id));
    }
}
