"""The Terraform reader (project/hcl.py): top-level blocks and their one-line attributes, with braces
in heredocs, strings, interpolations and comments ignored; any input read in linear time, never raising."""

from __future__ import annotations

import time

from prr_lint.project.hcl import blocks, string_value

_CONFIGURATION = '''# a comment with a { brace
resource "aws_iam_role" "role" {
  assume_role_policy = <<-EOF
    {"Statement": [{"Effect": "Allow"
    EOF
  name = "${var.prefix}-{role}" // and } here
}

/* a block comment
resource "aws_lambda_function" "commented" {
*/
resource "aws_lambda_function" "alert" {
  handler = "notify.lambda_handler"
  tags = {
    handler = "nested"
  }
  filename = "${lookup(var.files, "}")}"
}
'''


def test_blocks_and_their_own_attributes() -> None:
    found = [(block.labels, block.attributes) for block in blocks(_CONFIGURATION)]
    assert found == [
        (("resource", "aws_iam_role", "role"), {"assume_role_policy": "<<-EOF", "name": '"${var.prefix}-{role}"'}),
        (("resource", "aws_lambda_function", "alert"),
         {"handler": '"notify.lambda_handler"', "tags": "{", "filename": '"${lookup(var.files, "}")}"'}),
    ]


def test_string_value() -> None:
    assert string_value('"notify.lambda_handler"') == "notify.lambda_handler"
    assert string_value("var.handler") is None
    assert string_value('"a" ') is None


def test_malformed_input_is_read_quickly_without_raising() -> None:
    for text in ("{" * 200_000, "}" * 200_000, '"' * 200_000, "<<EOF\n" * 20_000, "/*" * 100_000,
                 'a = "${' * 50_000, 'resource "x" {\n' * 20_000, "\x00\ufeff{[(\n" * 20_000):
        started = time.process_time()
        list(blocks(text))
        assert time.process_time() - started < 2.0


def test_the_attributes_of_a_nested_block_are_keyed_by_its_type() -> None:
    text = (
        'resource "aws_lambda_function" "api" {\n  package_type = "Image"\n  image_config {\n'
        '    command = ["entry.handler"]\n    inner {\n      deeper = 1\n    }\n  }\n'
        '  tags = {\n    team = "api"\n  }\n  provisioner "local-exec" {\n    command = "make"\n  }\n}\n'
    )
    (block,) = blocks(text)
    assert block.attributes == {"package_type": '"Image"', "image_config.command": '["entry.handler"]',
                                "tags": "{", "provisioner.command": '"make"'}
