-- Drives `unspin lsp` from a real Neovim (0.7 or later), for tests/test_lsp.py:
--   UNSPIN_PYTHON=python UNSPIN_FILE=story.txt UNSPIN_OUT=diags.jsonl UNSPIN_FIXED=fixed.txt \
--     nvim --headless -u NONE -i NONE -n -c 'luafile tests/nvim_lsp.lua'
-- Opens UNSPIN_FILE, waits for the server's diagnostics and writes them to UNSPIN_OUT (one JSON
-- object a line, or a line 'ERROR: ...'), then asks for the "Fix all" code action, applies it
-- and writes the buffer to UNSPIN_FIXED. Quits when done, whatever happened.
local env = vim.env
local out, fixed = env.UNSPIN_OUT, env.UNSPIN_FIXED

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.UNSPIN_FILE))
  local buf = vim.api.nvim_get_current_buf()
  local config = {
    name = 'unspin',
    cmd = { env.UNSPIN_PYTHON, '-m', 'unspin', 'lsp' },
    root_dir = vim.fn.fnamemodify(env.UNSPIN_FILE, ':p:h'),
  }
  local id
  if vim.lsp.start then -- Neovim 0.8+
    id = vim.lsp.start(config)
  else
    id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, id)
  end
  local timeout = tonumber(env.UNSPIN_TIMEOUT_MS or '120000')
  if not vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    error('no diagnostics within ' .. timeout .. ' ms')
  end
  local rows = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    rows[#rows + 1] = vim.fn.json_encode({
      code = d.code, source = d.source, severity = d.severity, message = d.message,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    })
  end
  vim.fn.writefile(rows, out)

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll' } },
  }
  local action
  for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout) or {}) do
    for _, a in ipairs(response.result or {}) do
      if a.title == 'Fix all safe edits in this file' then action = a end
    end
  end
  if not action then error('no "Fix all" code action') end
  local client = vim.lsp.get_client_by_id(id)
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  vim.fn.writefile(vim.api.nvim_buf_get_lines(buf, 0, -1, false), fixed)

  vim.lsp.stop_client(id)
  vim.wait(10000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
end)
if not ok then
  vim.fn.writefile({ 'ERROR: ' .. tostring(err) }, out)
end
vim.cmd('qa!')
