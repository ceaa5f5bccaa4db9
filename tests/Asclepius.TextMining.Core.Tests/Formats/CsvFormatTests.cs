using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class CsvFormatTests
{
    [Fact]
    public void Reads_quoted_multiline_fields_keeping_their_line_breaks()
    {
        using var dir = new TempFolder();
        var path = dir.Write("notes.csv", "note_id,specialty,note_text\r\n7,Cardio,\"HPI:\r\nPt has \"\"chest pain\"\", worse, today.\"\r\n8,Neuro,plain note\r\n");
        var docs = new CsvFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToList();
        docs.Select(d => d.Id).Should().Equal("7", "8");
        docs[0].Text.Should().Be("HPI:\r\nPt has \"chest pain\", worse, today.");
        docs[0].Document.Meta.Should().Equal(new Dictionary<string, string> { ["specialty"] = "Cardio" });
    }

    [Fact]
    public void Without_an_id_column_the_row_number_is_the_id()
    {
        using var dir = new TempFolder();
        var path = dir.Write("m.csv", "description,specialty,title,text,keywords\n d1, Surgery, T ,\"HISTORY:  ,The patient...\",\"a, b\"\nx,y,z,second,\n");
        var docs = new CsvFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToList();
        docs.Select(d => d.Id).Should().Equal("1", "2");
        docs[0].Text.Should().Be("HISTORY:  ,The patient...");
        docs[0].Document.Meta["keywords"].Should().Be("a, b");
    }

    [Fact]
    public void Chosen_columns_override_detection()
    {
        using var dir = new TempFolder();
        var path = dir.Write("p.csv", "patient_id,patient_uid,title,text\n1,u-1,Case one,Body one\n2,u-2,Case two,Body two\n");
        var docs = new CsvFormat().Read(path, new ReadOptions { IdColumn = "patient_uid", TextColumn = "title" }, new ReadReport()).ToList();
        docs.Select(d => (d.Id, d.Text)).Should().Equal(("u-1", "Case one"), ("u-2", "Case two"));
        new CsvFormat().Read(path, ReadOptions.Strict, new ReadReport()).First().Id.Should().Be("u-1"); // patient_uid before patient_id
    }

    [Fact]
    public void Write_then_read_round_trips_ids_texts_and_metadata()
    {
        using var dir = new TempFolder();
        var src = dir.Write("n.csv", "id,text,site\na,\"one, two\",x\nb,\"line1\nline2 \"\"q\"\"\",\n");
        var docs = new CsvFormat().Read(src, ReadOptions.Strict, new ReadReport()).ToList();
        var outPath = dir.File("out.csv");
        new CsvFormat().Write(docs, outPath);
        File.ReadAllText(outPath).Should().Be(File.ReadAllText(src));
    }
}
