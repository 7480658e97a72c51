"""The 宣传信息考核: points for adopted copy, rankings of unions and correspondents."""
