package io.redoubt.server.commands;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArgumentSyntaxTest {
    private static String parse(String syntax) {
        return ArgumentSyntax.parse(syntax).toString();
    }

    @Test
    void parse_empty() {
        assertEquals("[]", parse(""));
        assertEquals("[]", parse(null));
    }

    @Test
    void parse_set() {
        assertEquals("[key:key, value:string, nx:oneof [optional] [nx:pure-token token=NX, xx:pure-token token=XX],"
                + " get:pure-token token=GET [optional], seconds:oneof"
                + " [optional] [seconds:integer token=EX, milliseconds:integer token=PX, unix-time-seconds:unix-time token=EXAT,"
                + " unix-time-milliseconds:unix-time token=PXAT, keepttl:pure-token token=KEEPTTL]]",
                parse("key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]"));
    }

    @Test
    void parse_repeatedKeys() {
        assertEquals("[key:key [multiple]]", parse("key [key ...]"));
        assertEquals("[key:key [optional, multiple]]", parse("[key [key ...]]"));
        assertEquals("[numkeys:integer, key:key [multiple]]", parse("numkeys key [key ...]"));
    }

    @Test
    void parse_nestedOptionalBlocks() {
        assertEquals("[protover_username_password_clientname:block [optional] [protover:integer,"
                + " username_password:block token=AUTH [optional] [username:string, password:string],"
                + " clientname:string token=SETNAME [optional]]]",
                parse("[protover [AUTH username password] [SETNAME clientname]]"));
    }

    @Test
    void parse_repeatedTokenAndGroups() {
        assertEquals("[key:key, pattern:pattern token=BY [optional], offset_count:block token=LIMIT [optional]"
                + " [offset:integer, count:integer], pattern:pattern token=GET [optional, multiple, multiple_token],"
                + " asc:oneof [optional] [asc:pure-token token=ASC, desc:pure-token token=DESC],"
                + " alpha:pure-token token=ALPHA [optional], destination:key token=STORE [optional]]",
                parse("key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA] [STORE destination]"));
        assertEquals("[key:key, score_member:block [multiple] [score:double, member:string]]",
                parse("key score member [score member ...]"));
    }

    @Test
    void parse_requiredChoiceWithToken() {
        assertEquals("[module-name:oneof token=FILTERBY [optional] [module-name:string token=MODULE,"
                + " category:string token=ACLCAT, pattern:pattern token=PATTERN]]",
                parse("[FILTERBY <MODULE module-name | ACLCAT category | PATTERN pattern>]"));
    }

    @Test
    void parse_bareAlternatives() {
        assertEquals("[and:oneof [and:pure-token token=AND, or:pure-token token=OR, xor:pure-token token=XOR,"
                + " not:pure-token token=NOT], destkey:key, key:key [multiple]]",
                parse("AND | OR | XOR | NOT destkey key [key ...]"));
    }

    @Test
    void parse_repeatedChoice_likeBitfield() {
        assertEquals("[key:key, encoding_offset:oneof [optional, multiple] [encoding_offset:block token=GET"
                + " [encoding:string, offset:integer], wrap_encoding_offset_value:block [wrap:oneof token=OVERFLOW"
                + " [optional] [wrap:pure-token token=WRAP, sat:pure-token token=SAT, fail:pure-token token=FAIL],"
                + " encoding_offset_value:oneof [encoding_offset_value:block token=SET [encoding:string, offset:integer,"
                + " value:string], encoding_offset_increment:block token=INCRBY [encoding:string, offset:integer,"
                + " increment:integer]]]]]",
                parse("key [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>] <SET encoding offset value"
                        + " | INCRBY encoding offset increment> [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>]"
                        + " <SET encoding offset value | INCRBY encoding offset increment> ...]]"));
        assertEquals("[key:key [optional, multiple]]", parse("[key ...]"));
    }

    @Test
    void typeOf_fromNames() {
        assertEquals("key", ArgumentSyntax.typeOf("key2"));
        assertEquals("integer", ArgumentSyntax.typeOf("index1"));
        assertEquals("integer", ArgumentSyntax.typeOf("min-match-len"));
        assertEquals("double", ArgumentSyntax.typeOf("score"));
        assertEquals("pattern", ArgumentSyntax.typeOf("pattern"));
        assertEquals("unix-time", ArgumentSyntax.typeOf("unix-time-seconds"));
        assertEquals("string", ArgumentSyntax.typeOf("member"));
    }

    @Test
    void parse_malformedNeverFails() {
        assertEquals("[a:string, b:string]", parse("a ] b"));
        assertEquals("[a:string [optional]]", parse("[a"));
    }
}
