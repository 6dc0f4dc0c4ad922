<?php
// Parses the same text declared in several encodings: libxml2 decodes UTF-8
// and ISO-8859-1 itself and the rest through glibc's iconv. Also converts it
// with PHP's iconv, which needs glibc's charset modules too.
header('Content-Type: application/json');
$text = "Grüße, café";
$result = [];
foreach (['UTF-8', 'ISO-8859-1', 'ISO-8859-15', 'windows-1252'] as $encoding) {
    $body = mb_convert_encoding("<greeting>$text</greeting>", $encoding, 'UTF-8');
    $doc = simplexml_load_string("<?xml version=\"1.0\" encoding=\"$encoding\"?>\n$body");
    $result[$encoding] = $doc === false ? null : (string) $doc;
}
$converted = iconv('UTF-8', 'ISO-8859-15', $text);
$result['iconv'] = $converted === false ? null : bin2hex($converted);
echo json_encode($result);
