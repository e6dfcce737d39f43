namespace Sori.Web.Workspace;

/// <summary>Marker for the workspace's string resources: Ui.resx (Korean, the default) and Ui.en.resx.</summary>
public sealed class Ui;
