import type { FastifyInstance } from 'fastify';
import { readDashboard, type DashboardDeps } from '../../../app/reports/read-dashboard.ts';
import { readReport } from '../../../app/reports/read-report.ts';
import {
  DashboardQuery,
  ReportExportQuery,
  ReportQuery,
  type ReportExportQuery as ExportQuery,
} from '../../../contracts/reports/reports.schema.ts';
import { reportCsv, reportFileName, reportXlsx } from '../../reports/report-export.ts';
import { localeOf, sendError, sendResult } from '../reply.ts';

const tags = ['reports'];

/**
 * GET /api/v1/dashboard (首页), GET /api/v1/reports (报表 over a date range) and GET /api/v1/reports/export
 * (the same report as CSV or Excel). Managers only. docs/console.md.
 */
export function reportsRoutes(deps: DashboardDeps) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: DashboardQuery }>(
      '/api/v1/dashboard',
      { config: { role: 'manager' }, schema: { tags, querystring: DashboardQuery } },
      async (request) => ({ ok: true, data: readDashboard(deps, request.query.date) }),
    );
    app.get<{ Querystring: ReportQuery }>(
      '/api/v1/reports',
      { config: { role: 'manager' }, schema: { tags, querystring: ReportQuery } },
      async (request, reply) => sendResult(request, reply, readReport(deps, request.query.from, request.query.to)),
    );
    app.get<{ Querystring: ExportQuery }>(
      '/api/v1/reports/export',
      { config: { role: 'manager' }, schema: { tags, querystring: ReportExportQuery } },
      async (request, reply) => {
        const { from, to, format } = request.query;
        const report = readReport(deps, from, to);
        if (!report.ok) return sendError(request, reply, report.code, report.field, report.params);
        const locale = request.query.lang ?? localeOf(request);
        const name = reportFileName(report.value, format);
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportCsv(report.value, locale));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await reportXlsx(report.value, locale));
      },
    );
  };
}
