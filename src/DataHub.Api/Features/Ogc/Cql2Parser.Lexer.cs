namespace DataHub.Api.Features.Ogc;

/// <summary>CQL2 text's tokens: words, quoted names and text, numbers and symbols, each with where it starts.</summary>
public sealed partial class Cql2Parser
{
    private Token Lex()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        var at = _pos;
        if (_pos >= _text.Length) return new(TokenKind.End, "", at);
        var c = _text[_pos];
        if (char.IsLetter(c) || c == '_')
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.' or ':')) _pos++;
            return new(TokenKind.Word, _text[at.._pos], at);
        }
        if (c is '\'' or '"')
        {
            var value = new System.Text.StringBuilder();
            _pos++;
            while (true)
            {
                if (_pos >= _text.Length) throw Fail(c == '\'' ? "a text literal is not closed with '" : "a quoted property name is not closed with \"", at);
                if (_text[_pos] == c)
                {
                    if (_pos + 1 < _text.Length && _text[_pos + 1] == c) { value.Append(c); _pos += 2; continue; }
                    _pos++;
                    break;
                }
                value.Append(_text[_pos++]);
            }
            return new(c == '\'' ? TokenKind.Text : TokenKind.Name, value.ToString(), at);
        }
        if (char.IsDigit(c) || ((c is '-' or '+' or '.') && _pos + 1 < _text.Length && (char.IsDigit(_text[_pos + 1]) || _text[_pos + 1] == '.')))
        {
            _pos++;
            while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E'
                   || (_text[_pos] is '-' or '+' && _text[_pos - 1] is 'e' or 'E'))) _pos++;
            return new(TokenKind.Number, _text[at.._pos], at);
        }
        foreach (var symbol in new[] { "<>", "<=", ">=", "!=", "=", "<", ">", "(", ")", ",", "+", "-", "*", "/", "[", "]" })
            if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) == 0)
            {
                _pos += symbol.Length;
                return new(TokenKind.Symbol, symbol, at);
            }
        throw Fail($"'{c}' is not part of CQL2 text", at);
    }

    private Token Advance()
    {
        var t = _token;
        _token = Lex();
        return t;
    }

    private Token Peek()
    {
        var (pos, token) = (_pos, _token);
        var next = Lex();
        (_pos, _token) = (pos, token);
        return next;
    }

    private bool IsWord(string word) => _token.Kind == TokenKind.Word && string.Equals(_token.Value, word, StringComparison.OrdinalIgnoreCase);
    /// <summary>Consumes the keyword if it is next.</summary>
    private bool Accept(string word)
    {
        if (!IsWord(word)) return false;
        Advance();
        return true;
    }

    private bool IsSymbol(string symbol) => _token.Kind == TokenKind.Symbol && _token.Value == symbol;

    private void Expect(string symbol, string what)
    {
        if (!IsSymbol(symbol)) throw Fail($"expected '{symbol}' {what}, found {Describe(_token)}");
        Advance();
    }

    private static string Describe(Token t) => t.Kind == TokenKind.End ? "the end of the filter" : $"'{t.Value}'";
}
