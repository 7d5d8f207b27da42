namespace BosonicTrajectories.Output.Plots;

/// <summary>
/// The failure policy for pictures, in one place: pictures are secondary output, so if the graphics stack fails
/// (e.g. a missing native library) the reason goes to <see cref="FailureFile"/> and the numbers are still written;
/// if no font is available the pictures are drawn without text and <see cref="NoteFile"/> says so.
/// </summary>
public static class PictureGuard
{
    /// <summary>Written instead of the pictures when they cannot be drawn.</summary>
    public const string FailureFile = "pictures-failed.txt";

    /// <summary>Written beside the pictures when they were drawn without text (no font on the machine).</summary>
    public const string NoteFile = "pictures-note.txt";

    public static void Draw(string folder, Action draw)
    {
        try
        {
            draw();
            if (!PlotFonts.CanDrawText) File.WriteAllText(Path.Combine(folder, NoteFile), PlotFonts.MissingFontAdvice + Environment.NewLine);
        }
#pragma warning disable CA1031 // any failure of the graphics stack must not lose the computed results
        catch (Exception e)
#pragma warning restore CA1031
        {
            File.WriteAllText(Path.Combine(folder, FailureFile), $"the pictures could not be drawn: {e.GetType().Name}: {e.Message}{Environment.NewLine}");
        }
    }
}
